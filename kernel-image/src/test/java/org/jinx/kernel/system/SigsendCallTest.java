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

class SigsendCallTest {
    static final int HANDLER = 0x08049000;
    static final int TRAMPOLINE = 0x08049800;
    static final int STACK_TOP = PagedKernelRig.DATA + PagedKernelRig.DATA_SIZE - 0x103;

    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc target = rig.user("target");
    private static final int SIGMSG = PagedKernelRig.SCRATCH;

    /** Writes a sigmsg into pm's memory. */
    static void sigmsg(PagedKernelRig rig, Proc pm, int at, int signo, int stkptr) {
        rig.put32(pm, at + SigFrame.SM_SIGNO, signo);
        rig.put32(pm, at + SigFrame.SM_MASK, 0x1234);
        rig.put32(pm, at + SigFrame.SM_SIGHANDLER, HANDLER);
        rig.put32(pm, at + SigFrame.SM_SIGRETURN, TRAMPOLINE);
        rig.put32(pm, at + SigFrame.SM_STKPTR, stkptr);
    }

    static void registers(Context c) {
        c.eax = 0xAAAA0001;
        c.ebx = 0xBBBB0002;
        c.ecx = 0xCCCC0003;
        c.edx = 0xDDDD0004;
        c.esi = 0x51510005;
        c.edi = 0xD1D10006;
        c.ebp = 0xEBEB0007;
        c.eip = 0x08048123;
        c.esp = STACK_TOP;
        c.eflags = Context.USER_EFLAGS | Eflags.DF | Eflags.CF | Eflags.TF;
    }

    private int sigsend(Proc caller, int endpt, int sigctx) {
        return rig.kcall(caller, request(SystemTask.SYS_SIGSEND, SigsendCall.ENDPT, endpt, SigsendCall.SIGCTX, sigctx))
                .type();
    }

    @Test
    void theHandlerStartsAsIfCalledWithTheFrameBelowTheOldStack() {
        registers(target.context);
        sigmsg(rig, pm, SIGMSG, 14, 0);
        assertThat(sigsend(pm, target.endpoint(), SIGMSG)).isEqualTo(Errno.OK);
        Context c = target.context;
        assertThat(c.eip).isEqualTo(HANDLER);
        assertThat(Integer.compareUnsigned(c.esp + SigFrame.FRAME_SIZE, STACK_TOP)).as("the frame is below the old SP")
                .isLessThanOrEqualTo(0);
        assertThat((c.esp + 4) % 16).as("ABI alignment at function entry").isZero();
        assertThat(rig.get32(target, c.esp)).as("return address").isEqualTo(TRAMPOLINE);
        assertThat(rig.get32(target, c.esp + 4)).as("signo").isEqualTo(14);
        int scp = rig.get32(target, c.esp + 12);
        assertThat(scp).isEqualTo(c.esp + SigFrame.SF_SC);
        assertThat(rig.get32(target, scp + SigFrame.SC_EIP)).isEqualTo(0x08048123);
        assertThat(rig.get32(target, scp + SigFrame.SC_ESP)).isEqualTo(STACK_TOP);
        assertThat(rig.get32(target, scp + SigFrame.SC_EAX)).isEqualTo(0xAAAA0001);
        assertThat(rig.get32(target, scp + SigFrame.SC_EBP)).isEqualTo(0xEBEB0007);
        assertThat(rig.get32(target, scp + SigFrame.SC_MASK)).isEqualTo(0x1234);
        assertThat(rig.get32(target, scp + SigFrame.SC_EFLAGS) & Eflags.DF).as("the saved flags are as they were")
                .isEqualTo(Eflags.DF);
        assertThat(c.eflags & (Eflags.DF | Eflags.TF)).as("the handler runs with DF and TF clear").isZero();
        assertThat(c.eflags & Eflags.CF).isEqualTo(Eflags.CF);
        assertThat(target.hasMisc(MiscFlag.CONTEXT_SET)).isTrue();
    }

    @Test
    void aGivenStackPointerIsUsedInsteadOfTheProcesssOwn() {
        registers(target.context);
        int alt = PagedKernelRig.DATA + 0x6000;
        sigmsg(rig, pm, SIGMSG, 2, alt);
        assertThat(sigsend(pm, target.endpoint(), SIGMSG)).isEqualTo(Errno.OK);
        assertThat(target.context.esp).isBetween(alt - SigFrame.FRAME_SIZE - 16, alt - SigFrame.FRAME_SIZE);
    }

    @Test
    void aStackThatCannotTakeTheFrameLeavesTheProcessAlone() {
        registers(target.context);
        target.context.esp = PagedKernelRig.DATA + 0x40; // the frame would go below the mapping
        sigmsg(rig, pm, SIGMSG, 14, 0);
        assertThat(sigsend(pm, target.endpoint(), SIGMSG)).isEqualTo(Errno.EFAULT);
        assertThat(target.context.eip).isEqualTo(0x08048123);
        assertThat(target.context.esp).isEqualTo(PagedKernelRig.DATA + 0x40);
        assertThat(target.hasMisc(MiscFlag.CONTEXT_SET)).isFalse();
    }

    @Test
    void badEndpointsAndPointersAreRefusedAndUsersMayNotCallIt() {
        sigmsg(rig, pm, SIGMSG, 14, 0);
        assertThat(sigsend(pm, Endpoint.NONE, SIGMSG)).isEqualTo(Errno.EINVAL);
        assertThat(sigsend(pm, Endpoint.SELF, SIGMSG)).as("SELF is not an endpoint here").isEqualTo(Errno.EINVAL);
        assertThat(sigsend(pm, Endpoint.CLOCK, SIGMSG)).isEqualTo(Errno.EPERM);
        assertThat(sigsend(pm, target.endpoint(), PagedKernelRig.UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(sigsend(target, target.endpoint(), SIGMSG)).isEqualTo(Errno.ECALLDENIED);
    }
}
