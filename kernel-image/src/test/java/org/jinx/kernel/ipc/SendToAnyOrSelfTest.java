package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 3: ANY is only a source; SELF is not an endpoint for the synchronous calls. */
class SendToAnyOrSelfTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");

    @Test
    void sendToAnyIsInvalid() {
        assertThat(rig.send(a, Endpoint.ANY, 0x100, 1)).isEqualTo(Errno.EINVAL);
        assertThat(rig.notify(a, Endpoint.ANY)).isEqualTo(Errno.EINVAL);
        assertThat(rig.ipc(a, IpcCall.SENDREC, Endpoint.ANY, rig.sendBuf(a))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void sendToSelfIsDeadSrcDst() {
        assertThat(rig.send(a, Endpoint.SELF, 0x100, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.receive(a, Endpoint.SELF)).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void noneAndOutOfRangeEndpointsAreDeadSrcDst() {
        assertThat(rig.send(a, Endpoint.NONE, 0x100, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.send(a, Endpoint.NR_PROCS, 0x100, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.send(a, -6, 0x100, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(a.isRunnable()).isTrue();
    }

    @Test
    void sendToOwnEndpointIsCallDenied() {
        // A process never holds its own send bit (3.2).
        assertThat(rig.send(a, a, 1)).isEqualTo(Errno.ECALLDENIED);
    }
}
