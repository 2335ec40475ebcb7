package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 4: an endpoint of a previous occupant of the slot is dead. */
class SendToStaleGenerationTest {
    private final KernelRig rig = new KernelRig();

    @Test
    void oldGenerationOfAReusedSlotIsDeadSrcDst() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        int oldB = b.endpoint();
        rig.kernel.clearProc(b);
        Proc b2 = rig.sys("b2");
        assertThat(b2.slot).isEqualTo(Endpoint.slot(oldB));
        assertThat(Endpoint.generation(b2.endpoint())).isEqualTo(Endpoint.generation(oldB) + 1);

        assertThat(rig.send(a, oldB, 0x100, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(b2.callerQ).isNull();
        assertThat(rig.sendnb(a, b2, 1)).isEqualTo(Errno.ENOTREADY);
    }

    @Test
    void futureGenerationIsDeadSrcDstToo() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        int next = Endpoint.encode(Endpoint.generation(b.endpoint()) + 1, b.slot);
        assertThat(rig.send(a, next, 0x100, 1)).isEqualTo(Errno.EDEADSRCDST);
    }
}
