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

/** Scenario 26: entries with unknown flag bits or without VALID. */
class SendaInvalidFlagsTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void sendaLogsAndSkipsAnUnknownBitWithoutMarkingIt() {
        rig.receive(b, Endpoint.ANY);
        rig.asyncEntry(a, 0, AMF_VALID | 0x40, b.endpoint(), 0x1, 1);
        assertThat(rig.senda(a, 1)).isEqualTo(Errno.OK);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | 0x40);
        assertThat(rig.entryResult(a, 0)).isEqualTo(0x5EED);
        assertThat(b.isRunnable()).isFalse();
        assertThat(b.priv().asynPending).as("not counted as pending").isZero();
        assertThat(rig.log).anyMatch(l -> l.contains("invalid"));
    }

    @Test
    void tryOneCompletesAnInvalidEntryWithEinval() {
        // A valid entry registers the table; the bad one is written after the SENDA.
        rig.asyncEntry(a, 1, AMF_VALID, b.endpoint(), 0x1, 2);
        rig.senda(a, 2);
        rig.asyncEntry(a, 0, AMF_VALID | 0x40, b.endpoint(), 0x1, 1);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | 0x40 | AMF_DONE);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.EINVAL);
        // The scan goes past the bad entry, so the good one is not stranded behind it.
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(2);
    }

    @Test
    void entryWithoutValidIsInvalidToo() {
        rig.asyncEntry(a, 1, AMF_VALID, b.endpoint(), 0x1, 2);
        rig.senda(a, 2);
        rig.asyncEntry(a, 0, AsyncTable.AMF_NOREPLY, b.endpoint(), 0x1, 1);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.EINVAL);
        assertThat(b.priv().asynPending & Priv.bit(a.priv().id)).isNotZero();
    }
}
