package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SetmcontextCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc user = rig.user("user");
    private static final int CTX = PagedKernelRig.SCRATCH;

    private int set(int endpt, int ctx) {
        return rig.kcall(pm, request(SystemTask.SYS_SETMCONTEXT, Mcontext.SET_ENDPT, endpt, Mcontext.SET_CTX_PTR, ctx))
                .type();
    }

    @Test
    void aContextWithoutFpuStateIsAcceptedAndTheRegistersAreTheLibrarysBusiness() {
        user.context.eip = 0x08048100;
        rig.put32(user, CTX + 14 * 4, 0x0BAD0BAD); // __gregs[_REG_EIP]: not the kernel's to load
        assertThat(set(user.endpoint(), CTX)).isEqualTo(Errno.OK);
        assertThat(user.context.eip).isEqualTo(0x08048100);
        assertThat(user.context.eflags).isEqualTo(Context.USER_EFLAGS);
    }

    @Test
    void fpuStateCannotBeInstalledWithoutAnFpu() {
        rig.put32(user, CTX + Mcontext.MC_FLAGS, Mcontext.MC_FPU_SAVED);
        assertThat(set(user.endpoint(), CTX)).isEqualTo(Errno.EINVAL);
    }

    @Test
    void badEndpointsAndPointersAreRefused() {
        assertThat(set(Endpoint.NONE, CTX)).isEqualTo(Errno.EINVAL);
        assertThat(set(Endpoint.ASYNCM, CTX)).isEqualTo(Errno.EPERM);
        assertThat(set(user.endpoint(), PagedKernelRig.UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(set(user.endpoint(), PagedKernelRig.RODATA)).as("reading is enough").isEqualTo(Errno.OK);
    }
}
