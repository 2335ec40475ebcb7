package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 23: SENDA to a waiting receiver delivers at once and registers nothing. */
class SendaImmediateDeliveryTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void deliveredEntryIsDoneWithOkAndNoTableIsRegistered() {
        rig.receive(b, Endpoint.ANY);
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x321, 11);
        assertThat(rig.senda(a, 1)).isEqualTo(Errno.OK);

        Message m = rig.delivered(b);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SENDA);
        assertThat(m.source()).isEqualTo(a.endpoint());
        assertThat(m.type()).isEqualTo(0x321);
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(11);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.OK);
        assertThat(a.priv().asynsize).isZero();
        assertThat(a.priv().asynendpoint).isEqualTo(a.endpoint());
        assertThat(a.isRunnable()).as("SENDA never blocks").isTrue();
    }

    @Test
    void oneReceiverTakesAtMostOneMessagePerCallOthersStayPending() {
        rig.receive(b, Endpoint.ANY);
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.asyncEntry(a, 1, AMF_VALID, b.endpoint(), 0x1, 2);
        rig.senda(a, 2);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryFlags(a, 1)).isEqualTo(AMF_VALID);
        assertThat(a.priv().asynsize).isEqualTo(2);
    }

    @Test
    void emptyAndDoneEntriesAreSkipped() {
        rig.receive(b, Endpoint.ANY);
        rig.asyncEntry(a, 0, AsyncTable.AMF_EMPTY, b.endpoint(), 0x1, 1);
        rig.asyncEntry(a, 1, AMF_VALID | AMF_DONE, b.endpoint(), 0x1, 2);
        rig.asyncEntry(a, 2, AMF_VALID, b.endpoint(), 0x1, 3);
        rig.senda(a, 3);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(3);
        assertThat(rig.entryResult(a, 1)).as("done entry untouched").isEqualTo(0x5EED);
    }
}
