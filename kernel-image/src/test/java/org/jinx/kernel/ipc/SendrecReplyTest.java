package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 12: SENDREC's request arrives with status SENDREC; the reply carries no status. */
class SendrecReplyTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void requestAndReply() {
        assertThat(rig.sendrec(a, b, 41)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
        assertThat(a.hasRts(RtsFlag.RECEIVING)).as("both bits while the request is queued").isTrue();
        assertThat(a.hasMisc(MiscFlag.REPLY_PEND)).isTrue();

        rig.receive(b, Endpoint.ANY);
        Message req = rig.delivered(b);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SENDREC);
        assertThat(req.getInt(KernelRig.TAG)).isEqualTo(41);
        assertThat(a.hasRts(RtsFlag.SENDING)).isFalse();
        assertThat(a.hasRts(RtsFlag.RECEIVING)).as("still waiting for the reply").isTrue();

        int ebxBefore = a.context.ebx;
        assertThat(rig.send(b, a, 42)).isEqualTo(Errno.OK);
        Message reply = rig.delivered(a);
        assertThat(rig.eax(a)).isEqualTo(Errno.OK);
        assertThat(reply.getInt(KernelRig.TAG)).isEqualTo(42);
        assertThat(reply.source()).isEqualTo(b.endpoint());
        assertThat(a.context.ebx).as("status not updated for the reply").isEqualTo(ebxBefore);
        assertThat(a.hasMisc(MiscFlag.REPLY_PEND)).isFalse();
    }

    @Test
    void sendrecToAWaitingServerDeliversAndWaitsForTheReply() {
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.sendrec(a, b, 1)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).isFalse();
        assertThat(a.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(a.getfromE).isEqualTo(b.endpoint());
        rig.delivered(b);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SENDREC);
    }

    @Test
    void anySendFromThePeerSatisfiesTheReceivePhaseEvenSendnb() {
        rig.receive(b, Endpoint.ANY);
        rig.sendrec(a, b, 1);
        rig.delivered(b);
        assertThat(rig.sendnb(b, a, 77)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(a).getInt(KernelRig.TAG)).isEqualTo(77);
    }

    @Test
    void aThirdPartyCannotAnswerTheSendrec() {
        Proc c = rig.sys("c");
        rig.receive(b, Endpoint.ANY);
        rig.sendrec(a, b, 1);
        assertThat(rig.sendnb(c, a, 5)).isEqualTo(Errno.ENOTREADY);
        assertThat(a.hasRts(RtsFlag.RECEIVING)).isTrue();
    }
}
