package org.jinx.mem;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.mem.GuestMemory.Result;
import org.junit.jupiter.api.Test;

/** The test double obeys the same rules as the paged implementation. */
class FlatGuestMemoryTest {
    private final FlatGuestMemory gm = new FlatGuestMemory(0x10000)
            .map(1, 0x1000, 0x1000, true)
            .map(1, 0x2000, 0x1000, false)
            .map(1, 0x3000, 0x100, true, false)
            .map(2, 0x8000, 0x1000, true);

    @Test
    void adjacentRangesTogetherCoverACopy() {
        byte[] b = new byte[32];
        assertThat(gm.copyIn(1, 0x1FF0, b, 0, 32)).isEqualTo(Result.OK);
    }

    @Test
    void writeIntoReadOnlyRangeIsRefusedAndLeavesMemoryAlone() {
        assertThat(gm.copyOut(1, 0x1FF0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}, 0, 17))
                .isEqualTo(Result.PROTECTION);
        assertThat(gm.bytes()[0x1FF0]).isZero();
    }

    @Test
    void supervisorRangeIsRefused() {
        assertThat(gm.read32(1, 0x3000)).isEqualTo(GuestMemory.FAULT);
        assertThat(gm.probe(1, 0x3000, 4, false)).isEqualTo(Result.PROTECTION);
    }

    @Test
    void anotherSpacesRangeIsNotPresent() {
        assertThat(gm.probe(1, 0x8000, 4, false)).isEqualTo(Result.NOT_PRESENT);
        assertThat(gm.probe(2, 0x8000, 4, true)).isEqualTo(Result.OK);
    }

    @Test
    void wordRoundTripIsLittleEndian() {
        assertThat(gm.write32(2, 0x8004, 0x11223344)).isEqualTo(Result.OK);
        assertThat(gm.bytes()[0x8004]).isEqualTo((byte) 0x44);
        assertThat(gm.read32(2, 0x8004)).isEqualTo(0x11223344L);
    }

    @Test
    void wrapIsReported() {
        assertThat(gm.probe(1, 0xFFFFFFFF, 2, false)).isEqualTo(Result.WRAP);
    }

    @Test
    void unmapRemovesTheRange() {
        gm.unmap(1, 0x1000, 1);
        assertThat(gm.probe(1, 0x1000, 1, false)).isEqualTo(Result.NOT_PRESENT);
    }
}
