package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/**
 * The kernel half of scenario 48 (3.9): while a whitelist lets only RS and CLOCK through, other
 * messages queue or stay pending, and none is lost when the filters are cleared.
 */
class IpcFilterHoldsMessagesTest {
    private final KernelRig rig = new KernelRig();
    private final Proc rs = rig.sys("rs");
    private final Proc svc = rig.sys("svc");
    private final Proc a = rig.sys("a");
    private final Proc c = rig.sys("c");

    private void whitelistRsAndClock() {
        svc.priv().filters.add(new IpcFilter(true)
                .add(IpcFilter.MATCH_M_SOURCE, rs.endpoint(), 0)
                .add(IpcFilter.MATCH_M_SOURCE, Endpoint.CLOCK, 0));
    }

    @Test
    void othersWaitWhileRsAndClockGetThrough() {
        whitelistRsAndClock();
        rig.receive(svc, Endpoint.ANY);
        assertThat(rig.send(a, svc, 1)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).as("queued, not delivered").isTrue();
        rig.notify(c, svc.endpoint());
        rig.asyncEntry(c, 0, AMF_VALID, svc.endpoint(), 0x1, 3);
        rig.senda(c, 1);
        assertThat(svc.hasRts(RtsFlag.RECEIVING)).isTrue();

        rig.kernel.ipc().notifyFromTask(Endpoint.CLOCK, svc);
        assertThat(rig.delivered(svc).source()).isEqualTo(Endpoint.CLOCK);
        rig.receive(svc, Endpoint.ANY);
        assertThat(rig.send(rs, svc, 2)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(svc).getInt(KernelRig.TAG)).isEqualTo(2);

        svc.priv().filters.clear();
        rig.receive(svc, Endpoint.ANY);
        assertThat(rig.delivered(svc).source()).as("notification first").isEqualTo(c.endpoint());
        assertThat(rig.status(svc)).isEqualTo(IpcCall.NOTIFY);
        rig.receive(svc, Endpoint.ANY);
        assertThat(rig.delivered(svc).getInt(KernelRig.TAG)).isEqualTo(3);
        rig.receive(svc, Endpoint.ANY);
        assertThat(rig.delivered(svc).getInt(KernelRig.TAG)).isEqualTo(1);
        assertThat(a.isRunnable()).isTrue();
    }

    @Test
    void blacklistByTypeHoldsOnlyThatType() {
        svc.priv().filters.add(new IpcFilter(false).add(IpcFilter.MATCH_M_TYPE, 0, 0x666));
        rig.receive(svc, Endpoint.ANY);
        rig.send(a, svc.endpoint(), 0x666, 1);
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
        rig.send(c, svc.endpoint(), 0x667, 2);
        assertThat(rig.delivered(svc).getInt(KernelRig.TAG)).isEqualTo(2);
    }

    @Test
    void wildcardSourcesMatchByKindOfProcess() {
        svc.priv().filters.add(new IpcFilter(true).add(IpcFilter.MATCH_M_SOURCE, Endpoint.ANY_TSK, 0));
        rig.receive(svc, Endpoint.ANY);
        rig.notify(a, svc.endpoint());
        assertThat(svc.hasRts(RtsFlag.RECEIVING)).isTrue();
        rig.kernel.ipc().notifyInterrupt(svc, 2);
        assertThat(rig.delivered(svc).source()).isEqualTo(Endpoint.HARDWARE);
    }

    @Test
    void filteredRendezvousIsNotMistakenForADeadlock() {
        // svc waits for a, but its filter refuses a's message: a must queue, which closes the
        // two-process loop that 3.8 explicitly allows.
        svc.priv().filters.add(new IpcFilter(false).add(IpcFilter.MATCH_M_SOURCE, a.endpoint(), 0));
        rig.receive(svc, a);
        assertThat(rig.send(a, svc, 1)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
    }

    @Test
    void filteredQueuedSenderIsNotMistakenForADeadlockOnReceive() {
        rig.send(a, svc, 1);
        svc.priv().filters.add(new IpcFilter(false).add(IpcFilter.MATCH_M_SOURCE, a.endpoint(), 0));
        assertThat(rig.receive(svc, a)).isEqualTo(Errno.OK);
        assertThat(svc.hasRts(RtsFlag.RECEIVING)).isTrue();
    }

    @Test
    void chainVerdictStartsFromTheFirstFiltersKind() {
        IpcFilter white = new IpcFilter(true).add(IpcFilter.MATCH_M_SOURCE, 5, 0);
        IpcFilter black = new IpcFilter(false).add(IpcFilter.MATCH_M_TYPE, 0, 9);
        java.util.List<IpcFilter> chain = java.util.List.of(white, black);
        assertThat(IpcFilter.allows(chain, 5, IpcFilter.SourceKind.SYSTEM, 1)).isTrue();
        assertThat(IpcFilter.allows(chain, 5, IpcFilter.SourceKind.SYSTEM, 9)).isFalse();
        assertThat(IpcFilter.allows(chain, 6, IpcFilter.SourceKind.SYSTEM, 1)).isFalse();
        assertThat(IpcFilter.allows(java.util.List.of(), 6, IpcFilter.SourceKind.USER, 1)).isTrue();
    }
}
