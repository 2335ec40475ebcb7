package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 5: kernel tasks never receive, but a driver may wait for HARDWARE. */
class KernelTaskDestinationTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");

    @Test
    void sendAndNotifyToClockAreTrapDenied() {
        assertThat(rig.send(a, Endpoint.CLOCK, 0x100, 1)).isEqualTo(Errno.ETRAPDENIED);
        assertThat(rig.notify(a, Endpoint.CLOCK)).isEqualTo(Errno.ETRAPDENIED);
        assertThat(rig.ipc(a, IpcCall.SENDNB, Endpoint.SYSTEM, rig.sendBuf(a))).isEqualTo(Errno.ETRAPDENIED);
        assertThat(a.isRunnable()).isTrue();
    }

    @Test
    void sendrecToATaskIsRefusedInsteadOfBlockingForEver() {
        // The spec's REC for 3.2 step 6.
        assertThat(rig.ipc(a, IpcCall.SENDREC, Endpoint.CLOCK, rig.sendBuf(a))).isEqualTo(Errno.ETRAPDENIED);
        assertThat(a.isRunnable()).isTrue();
    }

    @Test
    void receiveFromHardwareBlocksWithoutError() {
        assertThat(rig.receive(a, Endpoint.HARDWARE)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(a.getfromE).isEqualTo(Endpoint.HARDWARE);
    }
}
