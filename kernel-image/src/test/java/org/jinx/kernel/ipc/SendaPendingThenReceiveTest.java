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

/** Scenario 24: an entry for a busy receiver waits in the sender's table behind a hint bit. */
class SendaPendingThenReceiveTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void entryWaitsThenTheReceiveTakesIt() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x77, 5);
        assertThat(rig.senda(a, 1)).isEqualTo(Errno.OK);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID);
        assertThat(b.priv().asynPending & Priv.bit(a.priv().id)).isNotZero();
        assertThat(a.priv().asyntab).isEqualTo(rig.table(a));
        assertThat(a.priv().asynsize).isEqualTo(1);

        assertThat(rig.receive(b, Endpoint.ANY)).isEqualTo(Errno.OK);
        assertThat(b.isRunnable()).isTrue();
        Message m = rig.delivered(b);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SENDA);
        assertThat(m.source()).isEqualTo(a.endpoint());
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(5);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.OK);
    }

    @Test
    void hintStaysAfterTheLastDeliveryUntilARescanFindsNothing() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x77, 5);
        rig.senda(a, 1);
        rig.receive(b, Endpoint.ANY);
        rig.delivered(b);
        // Quirk 2 of 4.4: the table counted as unfinished when it was scanned.
        assertThat(b.priv().asynPending & Priv.bit(a.priv().id)).isNotZero();
        assertThat(rig.receive(b, Endpoint.ANY)).isEqualTo(Errno.OK);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(b.priv().asynPending).isZero();
        assertThat(a.priv().asynsize).as("empty table unregistered").isZero();
    }

    @Test
    void receiveFromTheSenderByNameFindsTheEntry() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x77, 5);
        rig.senda(a, 1);
        rig.receive(b, a);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(5);
    }

    @Test
    void receiveFromSomeoneElseLeavesTheEntryAlone() {
        Proc c = rig.sys("c");
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x77, 5);
        rig.senda(a, 1);
        rig.receive(b, c);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID);
        assertThat(b.priv().asynPending & Priv.bit(a.priv().id)).isNotZero();
    }
}
