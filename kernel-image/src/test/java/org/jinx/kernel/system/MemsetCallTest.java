package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class MemsetCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc vm = rig.sys("vm");
    private final Proc other = rig.sys("other");
    private static final int PHYS = 0x9000;
    private static final int BUF = PagedKernelRig.SCRATCH;

    private int memset(int who, int base, int pattern, int count) {
        return rig.kcall(vm, request(SystemTask.SYS_MEMSET, MemsetCall.PROCESS, who, MemsetCall.BASE, base,
                MemsetCall.PATTERN, pattern, MemsetCall.COUNT, count)).type();
    }

    @Test
    void processNoneFillsPhysicalMemoryWithTheLowByte() {
        assertThat(memset(Endpoint.NONE, PHYS + 1, 0x3C7, 0x1802)).isEqualTo(Errno.OK);
        assertThat(rig.mem.read8(PHYS)).isZero();
        for (int i = 1; i <= 0x1802; i++) {
            assertThat(rig.mem.read8(PHYS + i)).as("byte %d", i).isEqualTo(0xC7);
        }
        assertThat(rig.mem.read8(PHYS + 0x1803)).isZero();
    }

    @Test
    void aProcessMakesTheBaseVirtualInItsSpace() {
        assertThat(memset(other.endpoint(), BUF + 2, 'q', 3)).isEqualTo(Errno.OK);
        byte[] b = new byte[6];
        rig.read(other, BUF, b);
        assertThat(b).containsExactly(0, 0, 'q', 'q', 'q', 0);
    }

    @Test
    void badArgumentsAreRefusedWithNothingWritten() {
        assertThat(memset(Endpoint.NONE, (16 << 20) - 4, 1, 8)).as("past the end of memory").isEqualTo(Errno.EFAULT);
        assertThat(memset(other.endpoint(), PagedKernelRig.RODATA, 1, 4)).isEqualTo(Errno.EFAULT);
        assertThat(memset(other.endpoint(), BUF + 0xEFFC, 1, 8)).as("runs into unmapped memory").isEqualTo(Errno.EFAULT);
        assertThat(memset(12345, BUF, 1, 4)).isEqualTo(Errno.EINVAL);
        assertThat(memset(Endpoint.KERNEL, BUF, 1, 4)).isEqualTo(Errno.EINVAL);
        assertThat(memset(Endpoint.NONE, PHYS, 1, -1)).isEqualTo(Errno.EINVAL);
        assertThat(rig.mem.read32((16 << 20) - 4)).isZero();
        assertThat(rig.get32(other, BUF + 0xEFFC)).isZero();
        assertThat(memset(Endpoint.NONE, PHYS, 1, 0)).as("an empty fill").isEqualTo(Errno.OK);
    }
}
