package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SdevioCallTest {
    private static final int IN_BYTE = DevioCall.DIO_INPUT | DevioCall.DIO_BYTE;
    private static final int IN_WORD = DevioCall.DIO_INPUT | DevioCall.DIO_WORD;
    private static final int OUT_BYTE = DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE;
    private static final int OUT_WORD = DevioCall.DIO_OUTPUT | DevioCall.DIO_WORD;
    private static final int BUF = PagedKernelRig.SCRATCH;

    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc drv = rig.sys("driver");
    private final Proc fs = rig.sys("fs");

    private int sdevio(int request, int port, int endpt, int addr, int bytes, int offset) {
        rig.ports.clear();
        return rig.kcall(drv, request(SystemTask.SYS_SDEVIO, SdevioCall.REQUEST, request, SdevioCall.PORT, port,
                SdevioCall.VEC_ENDPT, endpt, SdevioCall.VEC_ADDR, addr, SdevioCall.VEC_SIZE, bytes,
                SdevioCall.OFFSET, offset)).type();
    }

    private byte[] read(Proc p, int at, int len) {
        byte[] b = new byte[len];
        rig.read(p, at, b);
        return b;
    }

    @Test
    void outputOfTheCallersOwnBufferGoesToThePortInOrder() {
        rig.write(drv, BUF, "ab".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(sdevio(OUT_BYTE, 0xE9, Endpoint.SELF, BUF, 2, 0)).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0xe9,1 <- 0x61", "out 0xe9,1 <- 0x62");
        rig.write(drv, BUF, new byte[] {0x34, 0x12, 0x78, 0x56});
        assertThat(sdevio(OUT_WORD, 0x1F0, drv.endpoint(), BUF, 4, 0)).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0x1f0,2 <- 0x1234", "out 0x1f0,2 <- 0x5678");
    }

    @Test
    void inputThroughAGrantLandsInTheGrantersMemoryAtTheOffset() {
        grants.register(fs);
        int gid = grants.direct(fs, 0, 2, drv.endpoint(), BUF, 0x2000, Grants.CPF_WRITE);
        rig.ports.answer(0x1F0, 0xBEEF);
        assertThat(sdevio(IN_WORD | SdevioCall.DIO_SAFE, 0x1F0, fs.endpoint(), gid, 0x1800, 0x10)).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).hasSize(0xC00).allMatch(a -> a.equals("in 0x1f0,2"));
        byte[] got = read(fs, BUF, 0x1812);
        assertThat(got[0xF]).as("before the offset").isZero();
        for (int i = 0x10; i < 0x1810; i += 2) {
            assertThat(got[i] & 0xFF | (got[i + 1] & 0xFF) << 8).as("word at 0x%x", i).isEqualTo(0xBEEF);
        }
        assertThat(got[0x1810]).as("after the end").isZero();
    }

    @Test
    void outputThroughAGrantNeedsReadAccessAndInputWriteAccess() {
        rig.write(fs, BUF, "xyz".getBytes(StandardCharsets.ISO_8859_1));
        grants.register(fs);
        int readOnly = grants.direct(fs, 0, 0, drv.endpoint(), BUF, 16, Grants.CPF_READ);
        assertThat(sdevio(OUT_BYTE | SdevioCall.DIO_SAFE, 0xE9, fs.endpoint(), readOnly, 3, 0)).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0xe9,1 <- 0x78", "out 0xe9,1 <- 0x79", "out 0xe9,1 <- 0x7a");
        assertThat(sdevio(IN_BYTE | SdevioCall.DIO_SAFE, 0x60, fs.endpoint(), readOnly, 3, 0)).isEqualTo(Errno.EPERM);
        assertThat(sdevio(OUT_BYTE | SdevioCall.DIO_SAFE, 0xE9, fs.endpoint(), readOnly, 3, 14)).as("past the grant")
                .isEqualTo(Errno.EPERM);
        assertThat(sdevio(OUT_BYTE | SdevioCall.DIO_SAFE, 0xE9, fs.endpoint(), 0x5555, 1, 0)).as("a bad grant")
                .isEqualTo(Errno.EPERM);
        assertThat(rig.ports.accesses).isEmpty();
    }

    @Test
    void portsAreCheckedAgainstTheIoRangesAndTheKernelsOwnPorts() {
        drv.priv().flags |= PrivFlag.CHECK_IO_PORT;
        drv.priv().ioRanges.add(new int[] {0x1F0, 0x1F7});
        assertThat(sdevio(IN_WORD, 0x1F0, Endpoint.SELF, BUF, 4, 0)).isEqualTo(Errno.OK);
        assertThat(sdevio(IN_WORD, 0x170, Endpoint.SELF, BUF, 4, 0)).isEqualTo(Errno.EPERM);
        drv.priv().flags &= ~PrivFlag.CHECK_IO_PORT;
        assertThat(sdevio(OUT_BYTE, 0x21, Endpoint.SELF, BUF, 1, 0)).as("the PIC").isEqualTo(Errno.EPERM);
        assertThat(rig.ports.accesses).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyPortIsTouched() {
        assertThat(sdevio(DevioCall.DIO_INPUT, 0x60, Endpoint.SELF, BUF, 1, 0)).as("no size").isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_BYTE | 0x200, 0x60, Endpoint.SELF, BUF, 1, 0)).as("unknown safety").isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_WORD, 0x1F1, Endpoint.SELF, BUF, 2, 0)).as("misaligned port").isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_WORD, 0x1F0, Endpoint.SELF, BUF, 3, 0)).as("odd count").isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_BYTE, 0x60, Endpoint.SELF, BUF, -1, 0)).as("negative count").isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_BYTE, 0x60, Endpoint.NONE, BUF, 1, 0)).as("bad endpoint").isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_BYTE | SdevioCall.DIO_SAFE, 0x60, Endpoint.NONE, 0, 1, 0)).as("bad granter")
                .isEqualTo(Errno.EINVAL);
        assertThat(sdevio(IN_BYTE, 0x60, fs.endpoint(), BUF, 1, 0)).as("another process without a grant")
                .isEqualTo(Errno.EPERM);
        assertThat(sdevio(IN_BYTE, 0x60, Endpoint.SELF, PagedKernelRig.RODATA, 1, 0)).as("input into read-only memory")
                .isEqualTo(Errno.EFAULT);
        assertThat(sdevio(OUT_BYTE, 0x60, Endpoint.SELF, PagedKernelRig.UNMAPPED, 1, 0)).as("output from a hole")
                .isEqualTo(Errno.EFAULT);
        assertThat(rig.ports.accesses).isEmpty();
        assertThat(sdevio(IN_BYTE, 0x60, Endpoint.SELF, BUF, 1, 0)).as("still serving").isEqualTo(Errno.OK);
    }
}
