package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class PhyscopyCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc vm = rig.sys("vm");
    private final Proc other = rig.sys("other");
    private static final int PHYS = 0x8000;
    private static final int BUF = PagedKernelRig.SCRATCH;
    private static final int NONE = Endpoint.NONE;

    private int physcopy(int srcE, int src, int dstE, int dst, int len) {
        return rig.kcall(vm, request(SystemTask.SYS_PHYSCOPY, VircopyCall.SRC_ENDPT, srcE, VircopyCall.SRC_ADDR, src,
                VircopyCall.DST_ENDPT, dstE, VircopyCall.DST_ADDR, dst, VircopyCall.NR_BYTES, len)).type();
    }

    private void physWrite(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            rig.mem.write8(at + i, s.charAt(i));
        }
    }

    private String physRead(int at, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append((char) rig.mem.read8(at + i));
        }
        return sb.toString();
    }

    private String virtRead(Proc p, int at, int len) {
        byte[] b = new byte[len];
        rig.read(p, at, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void physicalToVirtualToPhysicalAndPhysicalToPhysical() {
        physWrite(PHYS, "physical bytes");
        assertThat(physcopy(NONE, PHYS, other.endpoint(), BUF, 14)).isEqualTo(Errno.OK);
        assertThat(virtRead(other, BUF, 14)).isEqualTo("physical bytes");
        rig.write(other, BUF, "virtual".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(physcopy(other.endpoint(), BUF, NONE, PHYS + 0x100, 7)).isEqualTo(Errno.OK);
        assertThat(physRead(PHYS + 0x100, 7)).isEqualTo("virtual");
        assertThat(physcopy(NONE, PHYS + 0x100, NONE, PHYS + 0x200, 7)).isEqualTo(Errno.OK);
        assertThat(physRead(PHYS + 0x200, 7)).isEqualTo("virtual");
    }

    @Test
    void itReachesTheFramesBehindAProcesssPages() {
        long frame = rig.spaces.translate(other.context.cr3, BUF);
        physWrite(PHYS, "seen");
        assertThat(physcopy(NONE, PHYS, NONE, (int) frame, 4)).isEqualTo(Errno.OK);
        assertThat(virtRead(other, BUF, 4)).isEqualTo("seen");
    }

    @Test
    void overlappingPhysicalRangesCopyAsMemmove() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            s.append((char) ('a' + i % 26));
        }
        physWrite(PHYS, s.toString());
        assertThat(physcopy(NONE, PHYS, NONE, PHYS + 3, 5000)).isEqualTo(Errno.OK);
        assertThat(physRead(PHYS + 3, 5000)).isEqualTo(s.toString());
    }

    @Test
    void badEndpointsRangesAndCountsAreRefusedWithNothingCopied() {
        physWrite(PHYS, "keep");
        int end = 16 << 20;
        assertThat(physcopy(NONE, end - 2, other.endpoint(), BUF, 4)).as("past the end of memory").isEqualTo(Errno.EFAULT);
        assertThat(physcopy(NONE, -4, other.endpoint(), BUF, 4)).as("at the top of the address space")
                .isEqualTo(Errno.EFAULT);
        assertThat(physcopy(NONE, PHYS, other.endpoint(), PagedKernelRig.RODATA, 4)).isEqualTo(Errno.EFAULT);
        assertThat(physcopy(other.endpoint(), PagedKernelRig.UNMAPPED, NONE, PHYS, 4)).isEqualTo(Errno.EFAULT);
        assertThat(physcopy(12345, BUF, NONE, PHYS, 4)).isEqualTo(Errno.EINVAL);
        assertThat(physcopy(Endpoint.CLOCK, BUF, NONE, PHYS, 4)).isEqualTo(Errno.EINVAL);
        assertThat(physcopy(NONE, PHYS, NONE, PHYS + 4, -1)).isEqualTo(Errno.EINVAL);
        assertThat(physRead(PHYS, 4)).isEqualTo("keep");
        assertThat(virtRead(other, BUF, 4)).isEqualTo("\0\0\0\0");
        vm.priv().kCallMask &= ~(1L << (SystemTask.SYS_PHYSCOPY - SystemTask.KERNEL_CALL));
        assertThat(physcopy(NONE, PHYS, NONE, PHYS + 4, 4)).isEqualTo(Errno.ECALLDENIED);
    }
}
