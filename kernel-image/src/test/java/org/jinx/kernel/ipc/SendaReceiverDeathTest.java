package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_NOTIFY;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 31: a receiver's death cancels the entries addressed to it (cancel_async, 4.5). */
class SendaReceiverDeathTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");
    private final Proc c = rig.sys("c");

    @Test
    void entriesForTheDeadReceiverFailOthersStayRegistered() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.asyncEntry(a, 1, AMF_VALID | AMF_NOTIFY, b.endpoint(), 0x1, 2);
        rig.asyncEntry(a, 2, AMF_VALID, c.endpoint(), 0x1, 3);
        rig.senda(a, 3);

        rig.kernel.clearProc(b);

        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.entryFlags(a, 1)).isEqualTo(AMF_VALID | AMF_NOTIFY | AMF_DONE);
        assertThat(rig.entryResult(a, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.entryFlags(a, 2)).isEqualTo(AMF_VALID);
        assertThat(a.priv().asynsize).isEqualTo(3);

        rig.receive(a, Endpoint.ANY);
        assertThat(rig.delivered(a).source()).isEqualTo(Endpoint.ASYNCM);
        rig.receive(a, Endpoint.ANY);
        assertThat(a.isRunnable()).as("exactly one ASYNCM notification").isFalse();

        rig.receive(c, Endpoint.ANY);
        assertThat(rig.delivered(c).getInt(KernelRig.TAG)).isEqualTo(3);
    }

    @Test
    void dyingSendersOwnEntriesVanishSilently() {
        rig.asyncEntry(b, 0, AMF_VALID | AMF_NOTIFY, a.endpoint(), 0x1, 1);
        rig.senda(b, 1);
        assertThat(a.priv().asynPending & Priv.bit(b.priv().id)).isNotZero();
        rig.kernel.clearProc(b);
        assertThat(a.priv().asynPending).isZero();
        rig.receive(a, Endpoint.ANY);
        assertThat(a.isRunnable()).isFalse();
    }
}
