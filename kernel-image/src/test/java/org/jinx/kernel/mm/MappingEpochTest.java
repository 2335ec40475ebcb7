package org.jinx.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * The mapping epoch tells the CPU binding when cached translations may be wrong: it changes
 * whenever a mapping is removed or narrowed, or physical memory (possibly page tables) is
 * written directly, and stays when a mapping is only added.
 */
class MappingEpochTest {
    private final PhysicalMemory mem = new PhysicalMemory(4 << 20);
    private final PagedAddressSpaces spaces = new PagedAddressSpaces(mem, new FrameAllocator(0x100000, 4 << 20));
    private final int space = spaces.create();

    @Test
    void addingAMappingKeepsTheEpoch() {
        long e = spaces.epoch();
        assertThat(spaces.map(space, 0x400000, 0x2000, true)).isTrue();
        assertThat(spaces.epoch()).isEqualTo(e);
    }

    @Test
    void removingOrNarrowingChangesIt() {
        spaces.map(space, 0x400000, 0x2000, true);
        long e = spaces.epoch();
        spaces.protect(space, 0x400000, 0x1000, false);
        assertThat(spaces.epoch()).isNotEqualTo(e);
        e = spaces.epoch();
        spaces.unmap(space, 0x401000, 0x1000);
        assertThat(spaces.epoch()).isNotEqualTo(e);
    }

    @Test
    void aDirectPhysicalWriteChangesIt() {
        long e = spaces.epoch();
        assertThat(spaces.writePhysical(space, new byte[4], 0, 4)).isTrue(); // the page directory itself
        assertThat(spaces.epoch()).isNotEqualTo(e);
    }
}
