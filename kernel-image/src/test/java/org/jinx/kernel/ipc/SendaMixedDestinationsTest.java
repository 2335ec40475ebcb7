package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/**
 * One SENDA scan over entries whose destinations alternate and repeat: each entry gets the
 * outcome of its own destination (delivered, left pending, refused for want of a send right, or
 * dead), whatever the entries before it were addressed to.
 */
class SendaMixedDestinationsTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc open = rig.sys("open");
    private final Proc closed = rig.sys("closed");

    @Test
    void eachEntryIsJudgedByItsOwnDestination() {
        a.priv().ipcTo &= ~Priv.bit(closed.priv().id);
        rig.receive(open, Endpoint.ANY);
        int dead = Endpoint.encode(3, 40);
        rig.asyncEntry(a, 0, AMF_VALID, closed.endpoint(), 0x9, 1);
        rig.asyncEntry(a, 1, AMF_VALID, open.endpoint(), 0x9, 2);   // open is receiving: delivered
        rig.asyncEntry(a, 2, AMF_VALID, open.endpoint(), 0x9, 3);   // open now has a message: pending
        rig.asyncEntry(a, 3, AMF_VALID, closed.endpoint(), 0x9, 4);
        rig.asyncEntry(a, 4, AMF_VALID, dead, 0x9, 5);
        rig.asyncEntry(a, 5, AMF_VALID, closed.endpoint(), 0x9, 6);
        rig.senda(a, 6);

        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.ECALLDENIED);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryResult(a, 1)).isEqualTo(Errno.OK);
        assertThat(rig.entryFlags(a, 1)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.delivered(open).getInt(KernelRig.TAG)).isEqualTo(2);
        assertThat(rig.entryFlags(a, 2)).as("still pending").isEqualTo(AMF_VALID);
        assertThat(rig.entryResult(a, 3)).isEqualTo(Errno.ECALLDENIED);
        assertThat(rig.entryResult(a, 4)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.entryResult(a, 5)).isEqualTo(Errno.ECALLDENIED);
        assertThat(open.priv().asynPending & Priv.bit(a.priv().id)).as("hint for the pending one").isNotZero();
    }
}
