package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 35: senda(NULL, 0) unregisters; a later senda_reload re-arms the hints. */
class SendaUnregisterAndReloadTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void unregisteredTableDeliversNothingUntilReloaded() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.senda(a, 1);
        assertThat(rig.ipc(a, IpcCall.SENDA, 0, 0)).isEqualTo(Errno.OK);
        assertThat(a.priv().asynsize).isZero();
        assertThat(b.priv().asynPending & Priv.bit(a.priv().id)).as("bit remains").isNotZero();

        rig.receive(b, Endpoint.ANY);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).as("EAGAIN path: nothing delivered").isTrue();
        assertThat(b.priv().asynPending).as("and the bit is gone").isZero();
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID);

        // senda_reload: the same table again; b is waiting, so it is delivered at once.
        rig.senda(a, 1);
        assertThat(b.isRunnable()).isTrue();
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(1);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
    }

    @Test
    void reloadReArmsTheHintForABusyReceiver() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.senda(a, 1);
        b.priv().asynPending = 0; // a lost hint, as in the live-update window (5.8)
        rig.senda(a, 1);
        assertThat(b.priv().asynPending & Priv.bit(a.priv().id)).isNotZero();
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(1);
    }

    @Test
    void tableRegisteredUnderAnotherEndpointIsIgnored() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.senda(a, 1);
        a.priv().asynendpoint = Endpoint.encode(5, 200); // as after a slot swap
        rig.receive(b, Endpoint.ANY);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID);
    }
}
