package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 7: kernel-call dispatch order and the reply written into the request message. */
class KernelCallDispatchTest {
    private final KernelRig rig = new KernelRig();

    private Message kcall(Proc p, int type) {
        int at = rig.base(p) + KernelRig.KCALL_BUF;
        rig.writeMessage(at, type, 0);
        p.context.eax = at;
        rig.kernel.kernelCallTrap(p);
        assertThat(p.context.eax).as("EAX keeps the message pointer").isEqualTo(at);
        return rig.readMessage(p, at);
    }

    @Test
    void userKernelCallIsCallDeniedFromSystem() {
        Proc u = rig.user("u");
        Message reply = kcall(u, SystemTask.SYS_CLEAR);
        assertThat(reply.type()).isEqualTo(Errno.ECALLDENIED);
        assertThat(reply.source()).isEqualTo(Endpoint.SYSTEM);
    }

    @Test
    void numberPastTheTableIsBadRequestEvenWithAFullMask() {
        Proc a = rig.sys("a");
        assertThat(kcall(a, SystemTask.KERNEL_CALL + SystemTask.NR_SYS_CALLS).type()).isEqualTo(Errno.EBADREQUEST);
        assertThat(kcall(a, SystemTask.KERNEL_CALL - 1).type()).isEqualTo(Errno.EBADREQUEST);
    }

    @Test
    void rangeIsCheckedBeforeTheMask() {
        Proc u = rig.user("u");
        assertThat(kcall(u, SystemTask.KERNEL_CALL + SystemTask.NR_SYS_CALLS).type()).isEqualTo(Errno.EBADREQUEST);
    }

    @Test
    void maskIsCheckedBeforeExistence() {
        Proc a = rig.sys("a");
        a.priv().kCallMask = 0;
        // SYS_PADCONF (0x639) is in range but ARM-only, so never implemented: the mask still answers first.
        int padconf = SystemTask.KERNEL_CALL + 57;
        assertThat(rig.kernel.systemTask().isImplemented(padconf)).isFalse();
        assertThat(kcall(a, padconf).type()).isEqualTo(Errno.ECALLDENIED);
        a.priv().kCallMask = -1L;
        assertThat(kcall(a, padconf).type()).isEqualTo(Errno.EBADREQUEST);
    }

    @Test
    void clearOfABadEndpointIsInvalidAndOfATaskIsPermissionDenied() {
        Proc a = rig.sys("a");
        int at = rig.base(a) + KernelRig.KCALL_BUF;
        rig.writeMessage(at, SystemTask.SYS_CLEAR, 0);
        rig.put32(at + Message.PAYLOAD, Endpoint.NONE);
        a.context.eax = at;
        rig.kernel.kernelCallTrap(a);
        assertThat(rig.readMessage(a, at).type()).isEqualTo(Errno.EINVAL);
        rig.writeMessage(at, SystemTask.SYS_CLEAR, 0);
        rig.put32(at + Message.PAYLOAD, Endpoint.CLOCK);
        rig.kernel.kernelCallTrap(a);
        assertThat(rig.readMessage(a, at).type()).isEqualTo(Errno.EPERM);
    }

    @Test
    void clearOfAnotherProcessRepliesOkAndFreesTheSlot() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        int bEndpoint = b.endpoint();
        int at = rig.base(a) + KernelRig.KCALL_BUF;
        rig.writeMessage(at, SystemTask.SYS_CLEAR, 0);
        rig.put32(at + Message.PAYLOAD, bEndpoint);
        a.context.eax = at;
        rig.kernel.kernelCallTrap(a);
        assertThat(rig.readMessage(a, at).type()).isEqualTo(Errno.OK);
        assertThat(rig.kernel.procs().lookup(bEndpoint)).isNull();
        assertThat(b.isFree()).isTrue();
    }

    @Test
    void unreadableRequestSignalsTheCallerAndTheKernelGoesOn() {
        Proc a = rig.sys("a");
        Proc mgr = rig.sys("mgr");
        a.priv().sigMgr = mgr.endpoint(); // not self-managed, so the kernel stops it
        a.context.eax = 0x10; // unmapped
        rig.kernel.kernelCallTrap(a);
        assertThat(a.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(mgr.priv().sigPending[1] & 1L << (Signals.SIGKSIG - 1 - 64)).as("manager told").isNotZero();
        assertThat(a.pendingSignals[0] & 1L << (Signals.SIGSEGV - 1)).isNotZero();
        Proc b = rig.sys("b");
        assertThat(rig.sendnb(b, rig.sys("c"), 1)).isEqualTo(Errno.ENOTREADY);
    }

    @Test
    void unreadableRequestOfAProcessWithoutAManagerTerminatesItAndTheKernelGoesOn() {
        Proc a = rig.sys("a");
        int aEndpoint = a.endpoint();
        a.context.eax = 0x10; // unmapped; a manages its own signals and has no backup manager
        rig.kernel.kernelCallTrap(a);
        assertThat(rig.kernel.procs().lookup(aEndpoint)).isNull();
        Proc b = rig.sys("b");
        assertThat(rig.sendnb(b, rig.sys("c"), 1)).isEqualTo(Errno.ENOTREADY);
    }

    @Test
    void readOnlyRequestIsSignalledWhenTheReplyCannotBeWritten() {
        Proc a = rig.sys("a");
        a.priv().sigMgr = rig.sys("mgr").endpoint();
        int at = rig.base(a) + KernelRig.KCALL_BUF;
        rig.writeMessage(at, SystemTask.KERNEL_CALL + 99, 0);
        rig.mem.unmap(a.context.cr3, rig.base(a), KernelRig.WINDOW);
        rig.mem.map(a.context.cr3, rig.base(a), KernelRig.WINDOW, false);
        a.context.eax = at;
        rig.kernel.kernelCallTrap(a);
        assertThat(a.hasRts(RtsFlag.SIG_PENDING)).isTrue();
    }
}
