package org.jinx.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jinx.mem.GuestMemory.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User-mode copies through hand-built 386 page tables. */
class PagedGuestMemoryTest {
    private static final int CR3 = 0x10000;
    private static final int PT0 = 0x11000;
    private static final int PT_HIGH = 0x12000;
    private static final int P = 1, RW = 2, US = 4, A = 0x20, D = 0x40;

    private PhysicalMemory mem;
    private PagedGuestMemory gm;

    @BeforeEach
    void tables() {
        mem = new PhysicalMemory(1 << 20);
        gm = new PagedGuestMemory(mem);
        // PDE 0 covers 0..4 MiB, user and writable; individual PTEs decide.
        mem.write32(CR3, PT0 | P | RW | US);
        // PDE 1023 (the top 4 MiB) is present but supervisor-only.
        mem.write32(CR3 + 1023 * 4, PT_HIGH | P | RW);
    }

    /** Writes the PTE for linear page {@code index} of table {@code pt}. */
    private void pte(int pt, int index, int frame, int bits) {
        mem.write32(pt + index * 4, frame | bits);
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    @Test
    void copyOutThenInThroughAUserWritablePage() {
        pte(PT0, 0x20, 0x50000, P | RW | US); // linear 0x20000 -> physical 0x50000
        byte[] src = pattern(64);
        assertThat(gm.copyOut(CR3, 0x20010, src, 0, 64)).isEqualTo(Result.OK);
        assertThat(mem.read8(0x50010)).isEqualTo(src[0] & 0xFF);
        assertThat(mem.read8(0x5004F)).isEqualTo(src[63] & 0xFF);
        byte[] back = new byte[64];
        assertThat(gm.copyIn(CR3, 0x20010, back, 0, 64)).isEqualTo(Result.OK);
        assertThat(back).isEqualTo(src);
    }

    @Test
    void copyCrossingIntoDiscontiguousFramesFollowsEachPte() {
        pte(PT0, 0x20, 0x50000, P | RW | US);
        pte(PT0, 0x21, 0x70000, P | RW | US); // next linear page, far-away frame
        byte[] src = pattern(32);
        assertThat(gm.copyOut(CR3, 0x20FF0, src, 0, 32)).isEqualTo(Result.OK);
        assertThat(mem.read8(0x50FFF)).isEqualTo(src[15] & 0xFF);
        assertThat(mem.read8(0x70000)).isEqualTo(src[16] & 0xFF);
    }

    @Test
    void notPresentPteFails() {
        assertThat(gm.copyIn(CR3, 0x30000, new byte[4], 0, 4)).isEqualTo(Result.NOT_PRESENT);
        assertThat(gm.read32(CR3, 0x30000)).isEqualTo(GuestMemory.FAULT);
    }

    @Test
    void notPresentPdeFails() {
        assertThat(gm.probe(CR3, 0x00800000, 1, false)).isEqualTo(Result.NOT_PRESENT);
    }

    @Test
    void supervisorPteRefusesUserAccess() {
        pte(PT0, 0x22, 0x52000, P | RW); // U/S clear
        assertThat(gm.copyIn(CR3, 0x22000, new byte[1], 0, 1)).isEqualTo(Result.PROTECTION);
    }

    @Test
    void supervisorPdeRefusesUserAccessEvenWithUserPte() {
        pte(PT_HIGH, 0, 0x53000, P | RW | US); // linear 0xFFC00000
        assertThat(gm.probe(CR3, 0xFFC00000, 4, false)).isEqualTo(Result.PROTECTION);
    }

    @Test
    void readOnlyPteAllowsReadButRefusesWrite() {
        pte(PT0, 0x23, 0x53000, P | US);
        mem.write32(0x53000, 0xCAFEBABE);
        assertThat(gm.read32(CR3, 0x23000)).isEqualTo(0xCAFEBABEL);
        assertThat(gm.write32(CR3, 0x23000, 1)).isEqualTo(Result.PROTECTION);
        assertThat(mem.read32(0x53000)).isEqualTo(0xCAFEBABE);
    }

    @Test
    void readOnlyPdeRefusesWriteThroughWritablePte() {
        mem.write32(CR3 + 4, 0x13000 | P | US); // PDE 1: user, read-only
        pte(0x13000, 0, 0x54000, P | RW | US);  // linear 0x400000
        assertThat(gm.probe(CR3, 0x400000, 4, false)).isEqualTo(Result.OK);
        assertThat(gm.probe(CR3, 0x400000, 4, true)).isEqualTo(Result.PROTECTION);
    }

    @Test
    void failedCopyOutAcrossAPageBoundaryWritesNothing() {
        pte(PT0, 0x24, 0x55000, P | RW | US); // 0x25000 stays unmapped
        assertThat(gm.copyOut(CR3, 0x24FF0, pattern(64), 0, 64)).isEqualTo(Result.NOT_PRESENT);
        for (int a = 0x55FF0; a < 0x56000; a++) {
            assertThat(mem.read8(a)).isZero();
        }
    }

    @Test
    void failedCopyInLeavesTheHostBufferAlone() {
        pte(PT0, 0x24, 0x55000, P | RW | US);
        byte[] dst = new byte[64];
        java.util.Arrays.fill(dst, (byte) 0x5A);
        assertThat(gm.copyIn(CR3, 0x24FF0, dst, 0, 64)).isEqualTo(Result.NOT_PRESENT);
        assertThat(dst).containsOnly((byte) 0x5A);
    }

    @Test
    void rangeRunningPastFourGigabytesWraps() {
        assertThat(gm.copyIn(CR3, 0xFFFFFFF0, new byte[32], 0, 32)).isEqualTo(Result.WRAP);
        assertThat(gm.probe(CR3, 0xFFFFFFFC, 4, false)).isNotEqualTo(Result.WRAP);
    }

    @Test
    void copySetsAccessedAndWriteSetsDirty() {
        pte(PT0, 0x26, 0x56000, P | RW | US);
        gm.copyIn(CR3, 0x26000, new byte[4], 0, 4);
        assertThat(mem.read32(PT0 + 0x26 * 4) & (A | D)).isEqualTo(A);
        assertThat(mem.read32(CR3) & A).isEqualTo(A);
        gm.write32(CR3, 0x26000, 7);
        assertThat(mem.read32(PT0 + 0x26 * 4) & (A | D)).isEqualTo(A | D);
    }

    @Test
    void refusedAccessDoesNotMarkTheEntries() {
        pte(PT0, 0x27, 0x57000, P | US);
        gm.write32(CR3, 0x27000, 1);
        assertThat(mem.read32(PT0 + 0x27 * 4) & (A | D)).isZero();
    }

    @Test
    void writeToADecodedCodePageTellsTheListener() {
        pte(PT0, 0x28, 0x58000, P | RW | US);
        int[] seen = {-1};
        mem.setCodeWriteListener(page -> seen[0] = page);
        mem.markCode(0x58);
        gm.write32(CR3, 0x28004, 0x90909090);
        assertThat(seen[0]).isEqualTo(0x58);
    }

    @Test
    void messageCopyOutOverDecodedCodeTellsTheListenerOnlyWhenItHitsACodeLine() {
        pte(PT0, 0x29, 0x59000, P | RW | US);
        int[] written = {-1, 0};
        mem.setCodeWriteListener(new PhysicalMemory.CodeWriteListener() {
            @Override
            public void codeWritten(int page) {
            }

            @Override
            public void codeWritten(int addr, int size) {
                written[0] = addr;
                written[1] = size;
            }
        });
        mem.markCodeLines(0x59, new long[] {1L << 8, 0, 0, 0}); // bytes 0x80..0x8F of the page
        assertThat(gm.copyOut(CR3, 0x29040, pattern(64), 0, 64)).isEqualTo(Result.OK); // 0x40..0x7F
        assertThat(written[0]).isEqualTo(-1);
        assertThat(gm.copyOut(CR3, 0x29050, pattern(64), 0, 64)).isEqualTo(Result.OK); // 0x50..0x8F
        assertThat(written[0]).isEqualTo(0x59050);
        assertThat(written[1]).isEqualTo(64);
        assertThat(mem.read8(0x5908F)).isEqualTo(pattern(64)[63] & 0xFF);
    }

    @Test
    void read32AndWrite32AcrossAPageFollowBothPtes() {
        pte(PT0, 0x2A, 0x5A000, P | RW | US);
        pte(PT0, 0x2B, 0x7B000, P | RW | US);
        assertThat(gm.write32(CR3, 0x2AFFE, 0x44332211)).isEqualTo(Result.OK);
        assertThat(mem.read16(0x5AFFE)).isEqualTo(0x2211);
        assertThat(mem.read16(0x7B000)).isEqualTo(0x4433);
        assertThat(gm.read32(CR3, 0x2AFFE)).isEqualTo(0x44332211L);
        pte(PT0, 0x2B, 0x7B000, P | US);
        assertThat(gm.write32(CR3, 0x2AFFE, 0)).isEqualTo(Result.PROTECTION);
        assertThat(mem.read16(0x5AFFE)).as("nothing written").isEqualTo(0x2211);
        pte(PT0, 0x2B, 0, 0);
        assertThat(gm.read32(CR3, 0x2AFFE)).isEqualTo(GuestMemory.FAULT);
    }

    @Test
    void singlePageCopyRefusalsKeepTheirReason() {
        pte(PT0, 0x2C, 0x5C000, P | US);
        assertThat(gm.copyOut(CR3, 0x2C100, new byte[64], 0, 64)).isEqualTo(Result.PROTECTION);
        assertThat(gm.copyIn(CR3, 0x2D100, new byte[64], 0, 64)).isEqualTo(Result.NOT_PRESENT);
        assertThat(gm.read32(CR3, 0x2D100)).isEqualTo(GuestMemory.FAULT);
        assertThat(gm.write32(CR3, 0x2C100, 1)).isEqualTo(Result.PROTECTION);
    }

    @Test
    void zeroLengthCopyIsOkAnywhere() {
        assertThat(gm.copyIn(CR3, 0x30000, new byte[0], 0, 0)).isEqualTo(Result.OK);
    }

    @Test
    void hostBufferMistakeIsABugNotAGuestError() {
        assertThatThrownBy(() -> gm.copyIn(CR3, 0, new byte[4], 2, 4))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
