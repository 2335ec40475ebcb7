package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class TraceCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc child = rig.user("child");
    private static final int VAR = PagedKernelRig.SCRATCH + 0x20;

    private Message trace(int request, int endpt, int addr, int data) {
        return rig.kcall(pm, request(SystemTask.SYS_TRACE, TraceCall.REQUEST, request, TraceCall.ENDPT, endpt,
                TraceCall.ADDRESS, addr, TraceCall.DATA, data));
    }

    private int data(int request, int addr) {
        Message r = trace(request, child.endpoint(), addr, 0);
        assertThat(r.type()).isEqualTo(Errno.OK);
        return r.getInt(TraceCall.REPLY_DATA);
    }

    @Test
    void memoryIsReadAndWrittenAWordOrAByteAtATime() {
        rig.put32(child, VAR, 0x44332211);
        assertThat(data(TraceCall.T_GETDATA, VAR)).isEqualTo(0x44332211);
        assertThat(data(TraceCall.T_GETINS, VAR + 1)).isEqualTo(0x00443322);
        assertThat(data(TraceCall.T_READB_INS, VAR + 2)).isEqualTo(0x33);
        assertThat(trace(TraceCall.T_SETDATA, child.endpoint(), VAR, 0xCAFEBABE).type()).isEqualTo(Errno.OK);
        assertThat(rig.get32(child, VAR)).isEqualTo(0xCAFEBABE);
        assertThat(trace(TraceCall.T_WRITEB_INS, child.endpoint(), VAR + 3, 0x1CC).type()).isEqualTo(Errno.OK);
        assertThat(rig.get32(child, VAR)).isEqualTo(0xCCFEBABE);
    }

    @Test
    void textCanBePatchedThoughReadOnlyButDataWritesRespectProtection() {
        int text = PagedKernelRig.RODATA + 0x10;
        assertThat(trace(TraceCall.T_SETDATA, child.endpoint(), text, 0x12345678).type()).isEqualTo(Errno.EFAULT);
        assertThat(trace(TraceCall.T_WRITEB_INS, child.endpoint(), text, 0xCC).type()).as("a breakpoint")
                .isEqualTo(Errno.OK);
        assertThat(trace(TraceCall.T_SETINS, child.endpoint(), text + 4, 0x90909090).type()).isEqualTo(Errno.OK);
        assertThat(data(TraceCall.T_GETINS, text)).isEqualTo(0xCC);
        assertThat(data(TraceCall.T_GETINS, text + 4)).isEqualTo(0x90909090);
        assertThat(trace(TraceCall.T_SETINS, child.endpoint(), PagedKernelRig.RODATA + 0xFFE, 0).type())
                .as("runs onto an unmapped page").isEqualTo(Errno.EFAULT);
        assertThat(data(TraceCall.T_GETINS, PagedKernelRig.RODATA + 0xFFC)).as("nothing was written").isZero();
        assertThat(trace(TraceCall.T_GETDATA, child.endpoint(), PagedKernelRig.UNMAPPED, 0).type()).isEqualTo(Errno.EFAULT);
    }

    @Test
    void theRegisterFrameIsReadAndWrittenByOffset() {
        Context c = child.context;
        c.eax = 0x1111;
        c.eip = 0x08048010;
        c.esp = 0x00BFF000;
        assertThat(data(TraceCall.T_GETUSER, TraceCall.F_EAX)).isEqualTo(0x1111);
        assertThat(data(TraceCall.T_GETUSER, TraceCall.F_EIP)).isEqualTo(0x08048010);
        assertThat(data(TraceCall.T_GETUSER, TraceCall.F_ESP)).isEqualTo(0x00BFF000);
        assertThat(data(TraceCall.T_GETUSER, TraceCall.F_CS)).isEqualTo(Context.USER_CS);
        assertThat(data(TraceCall.T_GETUSER, TraceCall.F_GS + 4) >>> 16).as("ds in the high half").isEqualTo(Context.USER_DS);
        assertThat(trace(TraceCall.T_SETUSER, child.endpoint(), TraceCall.F_EIP, 0x08048100).type()).isEqualTo(Errno.OK);
        assertThat(c.eip).isEqualTo(0x08048100);
        assertThat(trace(TraceCall.T_SETUSER, child.endpoint(), TraceCall.F_EDI + 12, 77).type()).isEqualTo(Errno.OK);
        assertThat(c.ebx).isEqualTo(77);
        assertThat(trace(TraceCall.T_SETUSER, child.endpoint(), TraceCall.F_EFLAGS, -1).type()).isEqualTo(Errno.OK);
        assertThat(c.eflags).as("only the user bits, IF kept").isEqualTo(Context.USER_EFLAGS | Eflags.USER);
        for (int selector : new int[] {TraceCall.F_GS, TraceCall.F_GS + 4, TraceCall.F_CS, TraceCall.F_SS}) {
            assertThat(trace(TraceCall.T_SETUSER, child.endpoint(), selector, 0x08).type()).as("offset %d", selector)
                    .isEqualTo(Errno.EFAULT);
        }
        assertThat(trace(TraceCall.T_GETUSER, child.endpoint(), 2, 0).type()).as("misaligned").isEqualTo(Errno.EFAULT);
        assertThat(trace(TraceCall.T_GETUSER, child.endpoint(), TraceCall.FRAME_SIZE, 0).type()).isEqualTo(Errno.EFAULT);
        assertThat(trace(TraceCall.T_GETUSER, child.endpoint(), -4, 0).type()).isEqualTo(Errno.EFAULT);
        assertThat(c.cs).isEqualTo(Context.USER_CS);
    }

    @Test
    void stopResumeAndStepDriveTheStopFlagAndTheTrapFlag() {
        assertThat(trace(TraceCall.T_STEP, child.endpoint(), 0, 0).type()).isEqualTo(Errno.OK);
        assertThat(child.context.eflags & Eflags.TF).isEqualTo(Eflags.TF);
        assertThat(child.isRunnable()).isTrue();
        assertThat(trace(TraceCall.T_STOP, child.endpoint(), 0, 0).type()).isEqualTo(Errno.OK);
        assertThat(child.hasRts(RtsFlag.P_STOP)).isTrue();
        assertThat(child.isRunnable()).isFalse();
        assertThat(child.context.eflags & Eflags.TF).as("stopping ends single-stepping").isZero();
        assertThat(trace(TraceCall.T_RESUME, child.endpoint(), 0, 0).type()).isEqualTo(Errno.OK);
        assertThat(child.isRunnable()).isTrue();
        trace(TraceCall.T_STOP, child.endpoint(), 0, 0);
        assertThat(trace(TraceCall.T_DETACH, child.endpoint(), 0, 0).type()).isEqualTo(Errno.OK);
        assertThat(child.hasRts(RtsFlag.P_STOP)).isFalse();
    }

    @Test
    void badEndpointsAndRequestsAreRefused() {
        assertThat(trace(TraceCall.T_GETDATA, Endpoint.NONE, VAR, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(trace(TraceCall.T_STOP, Endpoint.CLOCK, 0, 0).type()).isEqualTo(Errno.EPERM);
        for (int pmOnly : new int[] {0, 1, 9, 11, 13, 14, 999}) {
            assertThat(trace(pmOnly, child.endpoint(), 0, 0).type()).as("request %d", pmOnly).isEqualTo(Errno.EINVAL);
        }
        assertThat(rig.kcall(child, request(SystemTask.SYS_TRACE, TraceCall.REQUEST, TraceCall.T_GETDATA,
                TraceCall.ENDPT, pm.endpoint(), TraceCall.ADDRESS, VAR)).type()).isEqualTo(Errno.ECALLDENIED);
    }
}
