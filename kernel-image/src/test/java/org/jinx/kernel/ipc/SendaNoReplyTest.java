package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_NOREPLY;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 28 (and the kernel half of 45): NOREPLY entries never pass for a SENDREC reply. */
class SendaNoReplyTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    /** b's SENDREC to a has been received by a, so b waits in the reply phase. */
    private void bWaitsForReplyFromA() {
        rig.receive(a, Endpoint.ANY);
        rig.sendrec(b, a, 1);
        rig.delivered(a);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
    }

    @Test
    void noreplyEntryWaitsForThePlainReceiveAfterTheReply() {
        bWaitsForReplyFromA();
        rig.asyncEntry(a, 0, AMF_VALID | AMF_NOREPLY, b.endpoint(), 0x715, 9);
        rig.senda(a, 1);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).as("not taken as the reply").isTrue();
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_NOREPLY);

        rig.send(a, b, 2);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(2);

        rig.receive(b, Endpoint.ANY);
        Message m = rig.delivered(b);
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(9);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SENDA);
    }

    @Test
    void noreplyEntryRegisteredEarlierIsAlsoSkippedByTheReplyPhaseReceive() {
        rig.asyncEntry(a, 0, AMF_VALID | AMF_NOREPLY, b.endpoint(), 0x715, 9);
        rig.senda(a, 1);
        rig.receive(a, Endpoint.ANY);
        assertThat(rig.sendrec(b, a, 1)).isEqualTo(Errno.OK);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_NOREPLY);
    }

    @Test
    void entryWithoutNoreplySatisfiesTheSendrec() {
        bWaitsForReplyFromA();
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x715, 9);
        rig.senda(a, 1);
        assertThat(b.isRunnable()).isTrue();
        int ebx = b.context.ebx;
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(9);
        assertThat(b.context.ebx).as("reply phase: no status").isEqualTo(ebx);
    }
}
