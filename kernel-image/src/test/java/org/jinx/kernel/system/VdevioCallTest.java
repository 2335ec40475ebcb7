package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class VdevioCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc drv = rig.sys("driver");
    private static final int VEC = PagedKernelRig.SCRATCH;

    private int vdevio(int request, int addr, int count) {
        rig.ports.clear();
        return rig.kcall(drv, request(SystemTask.SYS_VDEVIO, VdevioCall.REQUEST, request, VdevioCall.VEC_ADDR, addr,
                VdevioCall.VEC_SIZE, count)).type();
    }

    /** pvb_pair_t entries: port u16, value u8, one pad byte. */
    private void bytePairs(int at, int... portValue) {
        ByteBuffer b = ByteBuffer.allocate(portValue.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < portValue.length; i += 2) {
            b.putShort((short) portValue[i]).put((byte) portValue[i + 1]).put((byte) 0);
        }
        rig.write(drv, at, b.array());
    }

    @Test
    void outputsRunInOrderAndInputsComeBackInTheVector() {
        bytePairs(VEC, 0x3F8, 'h', 0x3F8, 'i', 0x3FB, 0x03);
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, VEC, 3)).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0x3f8,1 <- 0x68", "out 0x3f8,1 <- 0x69", "out 0x3fb,1 <- 0x3");
        rig.ports.answer(0x60, 0x1C).answer(0x64, 0x14);
        bytePairs(VEC, 0x60, 0, 0x64, 0);
        assertThat(vdevio(DevioCall.DIO_INPUT | DevioCall.DIO_BYTE, VEC, 2)).isEqualTo(Errno.OK);
        assertThat(rig.get32(drv, VEC) >>> 16 & 0xFF).isEqualTo(0x1C);
        assertThat(rig.get32(drv, VEC + 4) >>> 16 & 0xFF).isEqualTo(0x14);
    }

    @Test
    void longPairsCarryTheValueInTheirSecondWord() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xCFC).putShort((short) 0)
                .putInt(0xDEADBEEF);
        rig.write(drv, VEC, b.array());
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_LONG, VEC, 1)).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0xcfc,4 <- 0xdeadbeef");
    }

    @Test
    void oneForbiddenPortStopsTheWholeVectorBeforeAnyAccess() {
        bytePairs(VEC, 0x3F8, 'a', 0x21, 0xFF);
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, VEC, 2)).isEqualTo(Errno.EPERM);
        assertThat(rig.ports.accesses).isEmpty();
    }

    @Test
    void anInputVectorThatCannotBeWrittenBackFaultsBeforeAnyAccess() {
        assertThat(vdevio(DevioCall.DIO_INPUT | DevioCall.DIO_BYTE, PagedKernelRig.RODATA, 2)).isEqualTo(Errno.EFAULT);
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, PagedKernelRig.UNMAPPED, 2)).isEqualTo(Errno.EFAULT);
        assertThat(rig.ports.accesses).isEmpty();
    }

    @Test
    void countsOutOfRangeAreRefused() {
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, VEC, 0)).isEqualTo(Errno.EINVAL);
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, VEC, -5)).isEqualTo(Errno.EINVAL);
        assertThat(vdevio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, VEC, VdevioCall.VDEVIO_BUF_SIZE + 1))
                .isEqualTo(Errno.E2BIG);
    }
}
