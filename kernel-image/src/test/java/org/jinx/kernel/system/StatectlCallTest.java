package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class StatectlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc svc = rig.sys("svc");
    private final Proc rs = rig.sys("rs");
    private final Proc client = rig.sys("client");
    private static final int ELS = PagedKernelRig.SCRATCH;

    private int statectl(int req, int addr, int len) {
        return rig.kcall(svc, request(SystemTask.SYS_STATECTL, StatectlCall.REQUEST, req, StatectlCall.ADDRESS, addr,
                StatectlCall.LENGTH, len)).type();
    }

    private void elements(int... flagsSourceType) {
        ByteBuffer b = ByteBuffer.allocate(flagsSourceType.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : flagsSourceType) {
            b.putInt(v);
        }
        rig.write(svc, ELS, b.array());
    }

    @Test
    void aWhitelistHoldsOtherSendersUntilTheFiltersAreCleared() {
        elements(StatectlCall.MATCH_M_SOURCE, rs.endpoint(), 0);
        assertThat(statectl(StatectlCall.ADD_IPC_WL_FILTER, ELS, StatectlCall.EL_SIZE)).isEqualTo(Errno.OK);
        rig.kernel.ipc().doIpc(svc, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH + 0x100);
        rig.kernel.ipc().doIpc(client, IpcCall.SEND, svc.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(svc.hasRts(RtsFlag.RECEIVING)).as("the client is not on the list").isTrue();
        assertThat(client.hasRts(RtsFlag.SENDING)).as("held, not lost").isTrue();
        svc.clearRts(RtsFlag.RECEIVING); // let svc make the call
        assertThat(statectl(StatectlCall.CLEAR_IPC_FILTERS, 0, 0)).isEqualTo(Errno.OK);
        rig.kernel.ipc().doIpc(svc, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH + 0x100);
        assertThat(client.hasRts(RtsFlag.SENDING)).isFalse();
    }

    @Test
    void badElementArraysAreRefused() {
        elements(StatectlCall.MATCH_M_SOURCE, rs.endpoint(), 0);
        assertThat(statectl(StatectlCall.ADD_IPC_BL_FILTER, ELS, 0)).isEqualTo(Errno.EINVAL);
        assertThat(statectl(StatectlCall.ADD_IPC_BL_FILTER, ELS, 10)).isEqualTo(Errno.EINVAL);
        assertThat(statectl(StatectlCall.ADD_IPC_BL_FILTER, ELS, (StatectlCall.MAX_ELEMENTS + 1) * 12))
                .isEqualTo(Errno.EINVAL);
        elements(0x40, rs.endpoint(), 0);
        assertThat(statectl(StatectlCall.ADD_IPC_BL_FILTER, ELS, 12)).as("unknown flag").isEqualTo(Errno.EINVAL);
        elements(0, rs.endpoint(), 0);
        assertThat(statectl(StatectlCall.ADD_IPC_BL_FILTER, ELS, 12)).as("matches nothing").isEqualTo(Errno.EINVAL);
        assertThat(statectl(StatectlCall.ADD_IPC_BL_FILTER, PagedKernelRig.UNMAPPED, 12)).isEqualTo(Errno.EFAULT);
        assertThat(svc.priv().filters).isEmpty();
    }

    @Test
    void clearIpcRefsReleasesThoseWaitingOnTheCaller() {
        rig.kernel.ipc().doIpc(client, IpcCall.RECEIVE, svc.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(statectl(StatectlCall.CLEAR_IPC_REFS, 0, 0)).isEqualTo(Errno.OK);
        assertThat(client.isRunnable()).isTrue();
        assertThat(client.context.eax).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void theStateTableIsRecordedAndUnknownRequestsAreInvalid() {
        assertThat(statectl(StatectlCall.SET_STATE_TABLE, 0x400800, 5)).isEqualTo(Errno.OK);
        assertThat(svc.priv().stateTable).isEqualTo(0x400800);
        assertThat(svc.priv().stateEntries).isEqualTo(5);
        assertThat(statectl(9, 0, 0)).isEqualTo(Errno.EINVAL);
    }
}
