package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.mm.AddressSpaces;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/**
 * The kernel-info page is one frame the kernel owns, mapped read-only at KERNINFO_ADDR in every
 * address space: fork shares it instead of copying, tearing a space down never frees it, and
 * no operation a process can ask for makes it writable.
 */
class KernInfoPageTest {
    private final HostedSystem sys = HostedSystem.onPc(HostedSystem.Settings.defaults(), s -> { }, s -> { });
    private final int frame = sys.kernInfo.frame();
    private final int addr = KernInfo.KERNINFO_ADDR;

    private int magicAt(int physical) {
        return sys.machine.mem.read32(physical);
    }

    @Test
    void everyNewSpaceMapsTheSameFrameAtTheFixedAddress() {
        int a = sys.spaces.create();
        int b = sys.spaces.create();
        assertThat(sys.spaces.translate(a, addr)).isEqualTo(frame & 0xFFFFFFFFL);
        assertThat(sys.spaces.translate(b, addr)).isEqualTo(frame & 0xFFFFFFFFL);
        assertThat(magicAt(frame)).isEqualTo(KernInfo.KERNINFO_MAGIC);
    }

    @Test
    void userWritesAreRefusedAndReadsWork() {
        int a = sys.spaces.create();
        byte[] word = new byte[4];
        assertThat(sys.kernel.memory().copyOut(a, addr, new byte[] {1, 2, 3, 4}, 0, 4).ok()).isFalse();
        assertThat(sys.kernel.memory().copyIn(a, addr, word, 0, 4).ok()).isTrue();
        assertThat(word).containsExactly(0x31, 0x49, 0x4B, 0x4A);
    }

    @Test
    void forkSharesTheFrameAndTearingDownNeverFreesIt() {
        int before = sys.spaces.freePages();
        int a = sys.spaces.create();
        int child = sys.spaces.fork(a);
        assertThat(sys.spaces.translate(child, addr)).isEqualTo(frame & 0xFFFFFFFFL);
        sys.spaces.destroy(child);
        sys.spaces.destroy(a);
        assertThat(sys.spaces.freePages()).as("every frame but the shared one came back").isEqualTo(before);
        int c = sys.spaces.create();
        assertThat(sys.spaces.translate(c, addr)).isEqualTo(frame & 0xFFFFFFFFL);
        assertThat(magicAt(frame)).isEqualTo(KernInfo.KERNINFO_MAGIC);
    }

    @Test
    void protectCannotMakeItWritableAndUnmapDropsOnlyTheMapping() {
        int a = sys.spaces.create();
        assertThat(sys.spaces.protect(a, addr, AddressSpaces.PAGE, true)).isTrue();
        assertThat(sys.kernel.memory().copyOut(a, addr, new byte[4], 0, 4).ok()).isFalse();
        int before = sys.spaces.freePages();
        assertThat(sys.spaces.unmap(a, addr, AddressSpaces.PAGE)).isTrue();
        assertThat(sys.spaces.translate(a, addr)).isEqualTo(-1);
        assertThat(sys.spaces.freePages()).isEqualTo(before);
        assertThat(magicAt(frame)).isEqualTo(KernInfo.KERNINFO_MAGIC);
    }

    @Test
    void theKerninfoCallAnswersTheFixedAddress() {
        Proc p = sys.kernel.newProcess("p");
        sys.kernel.setSystemPriv(p, -1);
        sys.kernel.allow(p);
        assertThat(sys.kernel.ipc().doIpc(p, IpcCall.MINIX_KERNINFO, 0, 0)).isEqualTo(Errno.OK);
        assertThat(p.context.ebx).isEqualTo(addr);
    }
}
