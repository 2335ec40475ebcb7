package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 27: SELF is a valid async destination; kernel tasks are not. */
class SendaSelfAndKernelTaskTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");

    @Test
    void selfEntryIsDeliveredToTheSenderOnItsOwnReceive() {
        rig.asyncEntry(a, 0, AMF_VALID, Endpoint.SELF, 0x9, 1);
        rig.senda(a, 1);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID);
        rig.receive(a, Endpoint.ANY);
        Message m = rig.delivered(a);
        assertThat(m.source()).isEqualTo(a.endpoint());
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(1);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
    }

    @Test
    void ownEndpointAsDestinationWorksLikeSelf() {
        rig.asyncEntry(a, 0, AMF_VALID, a.endpoint(), 0x9, 1);
        rig.senda(a, 1);
        rig.receive(a, a);
        assertThat(rig.delivered(a).getInt(KernelRig.TAG)).isEqualTo(1);
    }

    @Test
    void kernelTaskEntryIsCallDenied() {
        rig.asyncEntry(a, 0, AMF_VALID, Endpoint.CLOCK, 0x9, 1);
        rig.asyncEntry(a, 1, AMF_VALID, Endpoint.SYSTEM, 0x9, 2);
        rig.senda(a, 2);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.ECALLDENIED);
        assertThat(rig.entryResult(a, 1)).isEqualTo(Errno.ECALLDENIED);
        assertThat(a.priv().asynsize).isZero();
    }
}
