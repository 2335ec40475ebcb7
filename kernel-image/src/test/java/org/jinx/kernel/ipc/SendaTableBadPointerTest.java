package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Bad asynsend table pointers: entries that cannot be read are skipped, the trap still returns OK. */
class SendaTableBadPointerTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void unmappedTableIsLoggedAndNothingIsRegistered() {
        assertThat(rig.ipc(a, IpcCall.SENDA, 3, 0x40)).isEqualTo(Errno.OK);
        assertThat(a.priv().asynsize).isZero();
        assertThat(rig.log).anyMatch(l -> l.contains("3 unreadable"));
    }

    @Test
    void tableWrappingPastFourGigabytesIsUnreadable() {
        assertThat(rig.ipc(a, IpcCall.SENDA, 2, 0xFFFFFFC0)).isEqualTo(Errno.OK);
        assertThat(a.priv().asynsize).isZero();
    }

    @Test
    void tableRunningOffTheMappingIsUsedAsFarAsItCanBeRead() {
        int tail = rig.base(a) + KernelRig.WINDOW - AsyncTable.ENTRY_SIZE;
        rig.asyncEntry(a, (tail - rig.table(a)) / AsyncTable.ENTRY_SIZE, AMF_VALID, b.endpoint(), 0x1, 7);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.ipc(a, IpcCall.SENDA, 2, tail)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(7);
        assertThat(rig.log).anyMatch(l -> l.contains("1 unreadable"));
    }

    @Test
    void zeroCountWithAGarbagePointerJustUnregisters() {
        assertThat(rig.ipc(a, IpcCall.SENDA, 0, 0xDEADBEEF)).isEqualTo(Errno.OK);
        assertThat(a.priv().asynsize).isZero();
    }

    @Test
    void readOnlyTableDeliversButCannotRecordDone() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 7);
        int ro = rig.table(a);
        rig.mem.unmap(a.context.cr3, rig.base(a), KernelRig.WINDOW);
        rig.mem.map(a.context.cr3, rig.base(a), KernelRig.WINDOW, false);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.ipc(a, IpcCall.SENDA, 1, ro)).isEqualTo(Errno.OK);
        // MINIX ignores write-back failures: the message went, the table could not say so.
        assertThat(b.isRunnable()).isTrue();
        assertThat(rig.entryFlags(a, 0) & AMF_DONE).isZero();
    }

    @Test
    void tableUnmappedAfterRegistrationIsSkippedByTheReceiverWithoutHarm() {
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 7);
        rig.senda(a, 1);
        rig.mem.unmap(a.context.cr3, rig.base(a), KernelRig.WINDOW);
        assertThat(rig.receive(b, Endpoint.ANY)).isEqualTo(Errno.OK);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(a.priv().asynsize).as("registration kept").isEqualTo(1);
        assertThat(b.priv().asynPending).as("hint kept for the unreadable entry").isNotZero();
        // Mapped again, the sender's next senda_reload delivers to the waiting receiver.
        rig.mem.map(a.context.cr3, rig.base(a), KernelRig.WINDOW, true);
        rig.senda(a, 1);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(7);
    }
}
