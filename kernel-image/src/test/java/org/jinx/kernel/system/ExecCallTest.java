package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class ExecCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private static final int NAME = PagedKernelRig.SCRATCH;

    private Message exec(Proc caller, int target, int name) {
        return rig.kcall(caller, request(SystemTask.SYS_EXEC, ExecCall.ENDPT, target, ExecCall.STACK, 0xBFFFFF00,
                ExecCall.NAME, name, ExecCall.IP, 0x08048000, ExecCall.PS_STR, 0xBFFFFF80));
    }

    @Test
    void execSetsTheNewProgramsEntryStackAndNameAndClearsTheRest() {
        Proc u = rig.user("u");
        u.context.ebx = 0x1234;
        u.context.edi = 0x5678;
        rig.write(pm, NAME, "sh\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(exec(pm, u.endpoint(), NAME).type()).isEqualTo(Errno.OK);
        assertThat(u.context.eip).isEqualTo(0x08048000);
        assertThat(u.context.esp).isEqualTo(0xBFFFFF00);
        assertThat(u.context.eax).as("ps_strings").isEqualTo(0xBFFFFF80);
        assertThat(u.context.ebx).isZero();
        assertThat(u.context.edi).isZero();
        assertThat(u.name()).isEqualTo("sh");
    }

    @Test
    void aProcessWaitingForTheAnswerToItsExecIsReleasedWithoutOne() {
        Proc u = rig.user("u");
        rig.kernel.ipc().doIpc(pm, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH + 0x100);
        rig.kernel.ipc().doIpc(u, IpcCall.SENDREC, pm.endpoint(), PagedKernelRig.SCRATCH);
        rig.kernel.dispatch(pm);
        assertThat(u.hasRts(RtsFlag.RECEIVING)).isTrue();
        exec(pm, u.endpoint(), NAME);
        assertThat(u.isRunnable()).isTrue();
    }

    @Test
    void selfExecGetsNoReply() {
        Message reply = exec(pm, Endpoint.SELF, NAME);
        assertThat(reply.type()).as("the request is left as it was").isEqualTo(SystemTask.SYS_EXEC);
        assertThat(pm.context.eip).isEqualTo(0x08048000);
    }

    @Test
    void anUnreadableNameKeepsTheOldOneAndABadTargetIsInvalid() {
        Proc u = rig.user("u");
        assertThat(exec(pm, u.endpoint(), PagedKernelRig.UNMAPPED).type()).isEqualTo(Errno.OK);
        assertThat(u.name()).isEqualTo("u");
        assertThat(exec(pm, Endpoint.NONE, NAME).type()).isEqualTo(Errno.EINVAL);
        assertThat(exec(pm, Endpoint.SYSTEM, NAME).type()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void aSenderCannotExec() {
        Proc b = rig.sys("b");
        Proc c = rig.sys("c");
        rig.kernel.ipc().doIpc(b, IpcCall.SEND, c.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(exec(pm, b.endpoint(), NAME).type()).isEqualTo(Errno.EBUSY);
    }
}
