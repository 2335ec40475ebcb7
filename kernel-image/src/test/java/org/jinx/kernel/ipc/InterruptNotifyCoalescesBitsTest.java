package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 21 and 6.4: HARDWARE and SYSTEM notifications carry what accumulated meanwhile. */
class InterruptNotifyCoalescesBitsTest {
    private final KernelRig rig = new KernelRig();
    private final Proc drv = rig.sys("drv");

    @Test
    void threeInterruptsBeforeTheReceiveGiveOneMessageWithBothBits() {
        rig.kernel.ipc().notifyInterrupt(drv, 3);
        rig.kernel.ipc().notifyInterrupt(drv, 3);
        rig.kernel.ipc().notifyInterrupt(drv, 5);
        rig.receive(drv, Endpoint.HARDWARE);
        Message m = rig.delivered(drv);
        assertThat(m.source()).isEqualTo(Endpoint.HARDWARE);
        assertThat(m.notifyInterrupts()).isEqualTo(0x28L);
        assertThat(drv.priv().intPending).isZero();
        rig.receive(drv, Endpoint.HARDWARE);
        assertThat(drv.hasRts(RtsFlag.RECEIVING)).isTrue();
    }

    @Test
    void interruptForAWaitingDriverIsDeliveredAtOnce() {
        rig.receive(drv, Endpoint.ANY);
        rig.kernel.ipc().notifyInterrupt(drv, 0);
        assertThat(drv.isRunnable()).isTrue();
        assertThat(rig.delivered(drv).notifyInterrupts()).isEqualTo(1L);
    }

    @Test
    void systemNotificationCarriesAndConsumesTheSignals() {
        rig.kernel.ipc().notifySignal(drv, 15);
        rig.kernel.ipc().notifySignal(drv, 74);
        rig.receive(drv, Endpoint.ANY);
        Message m = rig.delivered(drv);
        assertThat(m.source()).isEqualTo(Endpoint.SYSTEM);
        assertThat(m.notifySigset(0)).isEqualTo(1L << 14);
        assertThat(m.notifySigset(1)).isEqualTo(1L << (73 - 64));
        assertThat(drv.priv().sigPending[0] | drv.priv().sigPending[1]).isZero();
    }
}
