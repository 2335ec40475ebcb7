package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class DevioCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc drv = rig.sys("driver");

    private Message devio(int request, int port, int value) {
        rig.ports.clear();
        return rig.kcall(drv, request(SystemTask.SYS_DEVIO, DevioCall.REQUEST, request, DevioCall.PORT, port,
                DevioCall.VALUE, value));
    }

    @Test
    void inputReturnsWhatThePortSaysAndOutputReachesThePort() {
        rig.ports.answer(0x3FD, 0x60);
        Message r = devio(DevioCall.DIO_INPUT | DevioCall.DIO_BYTE, 0x3FD, 0);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(DevioCall.REPLY_VALUE)).isEqualTo(0x60);
        assertThat(devio(DevioCall.DIO_OUTPUT | DevioCall.DIO_WORD, 0x1F0, 0x1234).type()).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0x1f0,2 <- 0x1234");
        assertThat(devio(DevioCall.DIO_OUTPUT | DevioCall.DIO_LONG, 0xCF8, 0x80000000).type()).isEqualTo(Errno.OK);
        assertThat(rig.ports.accesses).containsExactly("out 0xcf8,4 <- 0x80000000");
    }

    @Test
    void theKernelsOwnPortsAreNeverReachable() {
        for (int port : new int[] {0x20, 0x21, 0xA0, 0xA1, 0x40, 0x43, 0x4D0}) {
            assertThat(devio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, port, 0xFF).type()).as("port 0x%x", port)
                    .isEqualTo(Errno.EPERM);
            assertThat(rig.ports.accesses).isEmpty();
        }
        assertThat(devio(DevioCall.DIO_INPUT | DevioCall.DIO_WORD, 0x42, 0).type()).as("a word overlapping the PIT")
                .isEqualTo(Errno.EPERM);
    }

    @Test
    void withPortChecksOnlyTheGrantedRangesAreReachable() {
        drv.priv().flags |= PrivFlag.CHECK_IO_PORT;
        drv.priv().ioRanges.add(new int[] {0x3F8, 0x3FD});
        assertThat(devio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, 0x3F8, 'x').type()).isEqualTo(Errno.OK);
        assertThat(devio(DevioCall.DIO_OUTPUT | DevioCall.DIO_BYTE, 0x2F8, 'x').type()).isEqualTo(Errno.EPERM);
        assertThat(devio(DevioCall.DIO_OUTPUT | DevioCall.DIO_LONG, 0x3FC, 0).type()).as("runs past 0x3FD")
                .isEqualTo(Errno.EPERM);
        assertThat(rig.ports.accesses).isEmpty();
    }

    @Test
    void badRequestsPortsAndAlignmentsAreInvalid() {
        assertThat(devio(DevioCall.DIO_INPUT, 0x60, 0).type()).as("no size").isEqualTo(Errno.EINVAL);
        assertThat(devio(DevioCall.DIO_BYTE, 0x60, 0).type()).as("no direction").isEqualTo(Errno.EINVAL);
        assertThat(devio(DevioCall.DIO_INPUT | DevioCall.DIO_WORD, 0x61, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(devio(DevioCall.DIO_INPUT | DevioCall.DIO_BYTE, 0x10000, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(devio(DevioCall.DIO_INPUT | DevioCall.DIO_BYTE, -1, 0).type()).isEqualTo(Errno.EINVAL);
    }
}
