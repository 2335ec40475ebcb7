package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SigreturnCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc target = rig.user("target");
    private static final int SIGMSG = PagedKernelRig.SCRATCH;

    private int sigreturn(Proc caller, int endpt, int sigctx) {
        return rig.kcall(caller, request(SystemTask.SYS_SIGRETURN, SigsendCall.ENDPT, endpt, SigsendCall.SIGCTX, sigctx))
                .type();
    }

    /** SIGSEND, then the handler "runs" (clobbers registers, pops the return address); returns the scp. */
    private int signalled() {
        SigsendCallTest.registers(target.context);
        SigsendCallTest.sigmsg(rig, pm, SIGMSG, 14, 0);
        assertThat(rig.kcall(pm, request(SystemTask.SYS_SIGSEND, SigsendCall.ENDPT, target.endpoint(),
                SigsendCall.SIGCTX, SIGMSG)).type()).isEqualTo(Errno.OK);
        Context c = target.context;
        int scp = rig.get32(target, c.esp + SigFrame.SF_SCP);
        c.eax = 1;
        c.ebx = 2;
        c.esi = 3;
        c.eip = SigsendCallTest.TRAMPOLINE;
        c.esp += 4;
        c.eflags |= Eflags.ZF;
        target.clearMisc(MiscFlag.CONTEXT_SET);
        return scp;
    }

    @Test
    void theSavedContextComesBackWhole() {
        int scp = signalled();
        assertThat(sigreturn(pm, target.endpoint(), scp)).isEqualTo(Errno.OK);
        Context c = target.context;
        assertThat(c.eip).isEqualTo(0x08048123);
        assertThat(c.esp).isEqualTo(SigsendCallTest.STACK_TOP);
        assertThat(c.eax).isEqualTo(0xAAAA0001);
        assertThat(c.ebx).isEqualTo(0xBBBB0002);
        assertThat(c.ecx).isEqualTo(0xCCCC0003);
        assertThat(c.edx).isEqualTo(0xDDDD0004);
        assertThat(c.esi).isEqualTo(0x51510005);
        assertThat(c.edi).isEqualTo(0xD1D10006);
        assertThat(c.ebp).isEqualTo(0xEBEB0007);
        assertThat(c.eflags).isEqualTo(Context.USER_EFLAGS | Eflags.DF | Eflags.CF | Eflags.TF);
        assertThat(target.hasMisc(MiscFlag.CONTEXT_SET)).isTrue();
    }

    @Test
    void flagsAProcessMayNotSetForItselfAreKept() {
        int scp = signalled();
        rig.put32(target, scp + SigFrame.SC_EFLAGS, Eflags.IOPL | Eflags.NT | Eflags.VM | Eflags.RF | Eflags.OF);
        rig.put32(target, scp + SigFrame.SC_CS, 0x08); // a ring-0 selector: not taken
        assertThat(sigreturn(pm, target.endpoint(), scp)).isEqualTo(Errno.OK);
        assertThat(target.context.eflags).as("IF stays set, IOPL 0, no NT/VM/RF; OF taken")
                .isEqualTo(Context.USER_EFLAGS | Eflags.OF);
        assertThat(target.context.cs).isEqualTo(Context.USER_CS);
    }

    @Test
    void aContextWithoutTheMagicOrOutOfReachIsRefusedAndChangesNothing() {
        int scp = signalled();
        rig.put32(target, scp + SigFrame.SC_MAGIC, 0);
        assertThat(sigreturn(pm, target.endpoint(), scp)).isEqualTo(Errno.EINVAL);
        assertThat(sigreturn(pm, target.endpoint(), PagedKernelRig.UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(target.context.eip).isEqualTo(SigsendCallTest.TRAMPOLINE);
        assertThat(target.context.eax).isEqualTo(1);
        assertThat(sigreturn(pm, Endpoint.NONE, scp)).isEqualTo(Errno.EINVAL);
        assertThat(sigreturn(pm, Endpoint.SYSTEM, scp)).isEqualTo(Errno.EPERM);
        assertThat(sigreturn(target, target.endpoint(), scp)).isEqualTo(Errno.ECALLDENIED);
    }

    @Test
    void theContextSetMarkLastsUntilTheProcessIsDispatched() {
        int scp = signalled();
        sigreturn(pm, target.endpoint(), scp);
        assertThat(target.hasMisc(MiscFlag.CONTEXT_SET)).isTrue();
        rig.kernel.dispatch(target);
        assertThat(target.hasMisc(MiscFlag.CONTEXT_SET)).isFalse();
    }
}
