package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class VircopyCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc a = rig.user("a");
    private final Proc b = rig.user("b");
    private static final int SRC = PagedKernelRig.SCRATCH;
    private static final int DST = PagedKernelRig.SCRATCH + 0x3000;

    private int vircopy(int src, int srcAddr, int dst, int dstAddr, int len) {
        return rig.kcall(pm, request(SystemTask.SYS_VIRCOPY, VircopyCall.SRC_ENDPT, src, VircopyCall.SRC_ADDR, srcAddr,
                VircopyCall.DST_ENDPT, dst, VircopyCall.DST_ADDR, dstAddr, VircopyCall.NR_BYTES, len)).type();
    }

    private String readString(Proc p, int addr, int len) {
        byte[] b = new byte[len];
        rig.read(p, addr, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void copiesBetweenTwoOtherProcessesAcrossPageBoundaries() {
        byte[] text = new byte[6000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        rig.write(a, SRC, text);
        assertThat(vircopy(a.endpoint(), SRC, b.endpoint(), DST, text.length)).isEqualTo(Errno.OK);
        byte[] got = new byte[text.length];
        rig.read(b, DST, got);
        assertThat(got).isEqualTo(text);
    }

    @Test
    void selfNamesTheCaller() {
        rig.write(pm, SRC, "hello".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(vircopy(Endpoint.SELF, SRC, a.endpoint(), DST, 5)).isEqualTo(Errno.OK);
        assertThat(readString(a, DST, 5)).isEqualTo("hello");
    }

    @Test
    void overlappingRangesInOneSpaceMoveLikeMemmove() {
        rig.write(a, SRC, "abcdefgh".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(vircopy(a.endpoint(), SRC, a.endpoint(), SRC + 2, 6)).isEqualTo(Errno.OK);
        assertThat(readString(a, SRC, 8)).isEqualTo("ababcdef");
    }

    @Test
    void aReadOnlyOrUnmappedDestinationFaultsAndNothingIsWritten() {
        rig.write(a, SRC, "secret".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(vircopy(a.endpoint(), SRC, b.endpoint(), PagedKernelRig.RODATA, 6)).isEqualTo(Errno.EFAULT);
        assertThat(readString(b, PagedKernelRig.RODATA, 6)).isEqualTo("\0\0\0\0\0\0");
        // A range that starts mapped and runs into a hole: not a byte moves.
        int nearEnd = PagedKernelRig.DATA + PagedKernelRig.DATA_SIZE - 3;
        assertThat(vircopy(a.endpoint(), SRC, b.endpoint(), nearEnd, 6)).isEqualTo(Errno.EFAULT);
        assertThat(readString(b, nearEnd, 3)).isEqualTo("\0\0\0");
        assertThat(vircopy(a.endpoint(), PagedKernelRig.UNMAPPED, b.endpoint(), DST, 6)).isEqualTo(Errno.EFAULT);
    }

    @Test
    void badEndpointsAndNegativeCountsAreInvalid() {
        assertThat(vircopy(Endpoint.NONE, SRC, b.endpoint(), DST, 4)).isEqualTo(Errno.EINVAL);
        assertThat(vircopy(a.endpoint(), SRC, Endpoint.KERNEL, DST, 4)).isEqualTo(Errno.EINVAL);
        assertThat(vircopy(a.endpoint(), SRC, b.endpoint(), DST, -1)).isEqualTo(Errno.EINVAL);
    }
}
