package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class ForkCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private static final int MARK = PagedKernelRig.SCRATCH;

    private Message fork(Proc caller, int parent, int slot) {
        return rig.kcall(caller, request(SystemTask.SYS_FORK, ForkCall.ENDPT, parent, ForkCall.SLOT, slot));
    }

    @Test
    void selfForkCopiesEveryPageIntoAFreshSpaceAndTheChildSeesSelf() {
        Proc a = rig.sys("a");
        rig.put32(a, MARK, 0xCAFE);
        Message reply = fork(a, Endpoint.SELF, Endpoint.NONE);
        assertThat(reply.type()).isEqualTo(Errno.OK);
        Proc child = rig.lookup(reply.getInt(ForkCall.CHILD));
        assertThat(child).isNotNull().isNotSameAs(a);
        assertThat(child.context.cr3).isNotEqualTo(a.context.cr3);
        assertThat(rig.get32(child, MARK)).isEqualTo(0xCAFE);
        rig.put32(child, MARK, 0xBEEF);
        assertThat(rig.get32(a, MARK)).as("the parent's page is its own").isEqualTo(0xCAFE);
        Message childReply = new Message();
        rig.read(child, PagedKernelRig.KCALL_BUF, childReply.buf);
        assertThat(childReply.type()).isEqualTo(Errno.OK);
        assertThat(childReply.getInt(ForkCall.CHILD)).isEqualTo(Endpoint.SELF);
        assertThat(child.context.eip).isEqualTo(a.context.eip);
    }

    @Test
    void childOfASystemProcessSharesTheUserPrivilegesAndWaitsForNoPriv() {
        Proc a = rig.sys("a");
        Proc child = rig.lookup(fork(a, Endpoint.SELF, Endpoint.NONE).getInt(ForkCall.CHILD));
        assertThat(child.priv().id).isEqualTo(PrivTable.USER_PRIV_ID);
        assertThat(child.hasRts(RtsFlag.NO_PRIV)).isTrue();
    }

    @Test
    void childOfAUserProcessWaitingForItsReplyWaitsForTheSameReply() {
        Proc pm = rig.sys("pm");
        Proc u = rig.user("u");
        // u asks pm (SENDREC); pm takes the request and forks u while u waits for the answer.
        rig.kernel.ipc().doIpc(pm, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH);
        rig.kernel.ipc().doIpc(u, IpcCall.SENDREC, pm.endpoint(), PagedKernelRig.SCRATCH);
        rig.kernel.dispatch(pm);
        Proc child = rig.lookup(fork(pm, u.endpoint(), Endpoint.NONE).getInt(ForkCall.CHILD));
        assertThat(child.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(child.getfromE).isEqualTo(pm.endpoint());
        assertThat(child.hasMisc(MiscFlag.REPLY_PEND)).isTrue();
        assertThat(child.hasRts(RtsFlag.NO_PRIV)).as("a user's child runs as soon as it is answered").isFalse();
        rig.kernel.ipc().doIpc(pm, IpcCall.SEND, child.endpoint(), PagedKernelRig.SCRATCH + 0x100);
        assertThat(child.isRunnable()).isTrue();
    }

    @Test
    void aSlotUsedBeforeGivesTheChildTheNextGeneration() {
        Proc a = rig.sys("a");
        int first = fork(a, Endpoint.SELF, Endpoint.NONE).getInt(ForkCall.CHILD);
        rig.kernel.clearProc(rig.lookup(first));
        int second = fork(a, Endpoint.SELF, Endpoint.slot(first)).getInt(ForkCall.CHILD);
        assertThat(Endpoint.slot(second)).isEqualTo(Endpoint.slot(first));
        assertThat(Endpoint.generation(second)).isEqualTo(Endpoint.generation(first) + 1);
        assertThat(rig.lookup(first)).as("the stale endpoint names nobody").isNull();
    }

    @Test
    void badParentOrTakenSlotIsInvalid() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        assertThat(fork(a, Endpoint.NONE, Endpoint.NONE).type()).isEqualTo(Errno.EINVAL);
        assertThat(fork(a, Endpoint.CLOCK, Endpoint.NONE).type()).isEqualTo(Errno.EINVAL);
        assertThat(fork(a, Endpoint.SELF, b.slot).type()).isEqualTo(Errno.EINVAL);
        assertThat(fork(a, Endpoint.SELF, -3).type()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void withoutMemoryTheForkFailsAndNoSlotIsUsed() {
        Proc a = rig.sys("a");
        int live = rig.kernel.procs().live().size();
        while (rig.frames.alloc() != -1) {
            // use up physical memory
        }
        assertThat(fork(a, Endpoint.SELF, Endpoint.NONE).type()).isEqualTo(Errno.ENOMEM);
        assertThat(rig.kernel.procs().live()).hasSize(live);
    }

    @Test
    void aSenderCannotBeForked() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        Proc c = rig.sys("c");
        rig.kernel.ipc().doIpc(b, IpcCall.SEND, c.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(fork(a, b.endpoint(), Endpoint.NONE).type()).isEqualTo(Errno.EBUSY);
    }
}
