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

/** The lighter cleanup of 3.10 (CLEAR_IPC_REFS): references to X go, X itself stays. */
class ClearIpcRefsTest {
    private final KernelRig rig = new KernelRig();
    private final Proc x = rig.sys("x");
    private final Proc a = rig.sys("a");
    private final Proc c = rig.sys("c");

    @Test
    void waitersAreReleasedPendingBitsClearedAndAsyncEntriesCancelled() {
        rig.send(a, x, 1);
        rig.receive(c, x);
        rig.notify(x, a.endpoint());
        Proc s = rig.sys("s");
        rig.asyncEntry(s, 0, AMF_VALID, x.endpoint(), 0x1, 2);
        rig.senda(s, 1);

        rig.kernel.ipc().clearIpcRefs(x);

        assertThat(a.isRunnable()).isTrue();
        assertThat(rig.eax(a)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(c.isRunnable()).isTrue();
        assertThat(rig.eax(c)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(x.callerQ).isNull();
        assertThat(a.priv().notifyPending & Priv.bit(x.priv().id)).isZero();
        assertThat(rig.entryFlags(s, 0)).isEqualTo(AMF_VALID | AMF_DONE);
        assertThat(rig.entryResult(s, 0)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(x.priv().asynPending).isZero();

        assertThat(x.isFree()).isFalse();
        assertThat(rig.kernel.procs().lookup(x.endpoint())).isSameAs(x);
    }

    @Test
    void cancelWithoutSendRightLeavesTheTableUnregistered() {
        Proc s = rig.sys("s");
        rig.asyncEntry(s, 0, AMF_VALID, x.endpoint(), 0x1, 2);
        rig.asyncEntry(s, 1, AMF_VALID, a.endpoint(), 0x1, 3);
        rig.senda(s, 2);
        s.priv().ipcTo &= ~Priv.bit(x.priv().id);
        rig.kernel.ipc().clearIpcRefs(x);
        // MINIX quirk kept (4.5): nothing cancelled, and the table is forgotten.
        assertThat(rig.entryFlags(s, 0)).isEqualTo(AMF_VALID);
        assertThat(s.priv().asynsize).isZero();
    }

    @Test
    void receiveAnyIsNotAffected() {
        rig.receive(c, Endpoint.ANY);
        rig.kernel.ipc().clearIpcRefs(x);
        assertThat(c.hasRts(RtsFlag.RECEIVING)).isTrue();
    }
}
