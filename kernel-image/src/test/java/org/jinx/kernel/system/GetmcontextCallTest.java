package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class GetmcontextCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc user = rig.user("user");
    private static final int CTX = PagedKernelRig.SCRATCH;

    private int get(int endpt, int ctx) {
        return rig.kcall(pm, request(SystemTask.SYS_GETMCONTEXT, Mcontext.ENDPT, endpt, Mcontext.CTX_PTR, ctx)).type();
    }

    @Test
    void withoutAnFpuTheContextSaysNoFpuStateAndKeepsTheRest() {
        rig.put32(user, CTX, 0x11111111);                    // __gregs[0], the library's
        rig.put32(user, CTX + Mcontext.MC_FLAGS, Mcontext.MC_FPU_SAVED | 0x40);
        rig.put32(user, CTX + Mcontext.SIZE - 4, 0x2222);    // mc_magic
        assertThat(get(user.endpoint(), CTX)).isEqualTo(Errno.OK);
        assertThat(rig.get32(user, CTX + Mcontext.MC_FLAGS)).isZero();
        assertThat(rig.get32(user, CTX)).isEqualTo(0x11111111);
        assertThat(rig.get32(user, CTX + Mcontext.SIZE - 4)).isEqualTo(0x2222);
    }

    @Test
    void badEndpointsAndPointersAreRefused() {
        assertThat(get(Endpoint.NONE, CTX)).isEqualTo(Errno.EINVAL);
        assertThat(get(Endpoint.IDLE, CTX)).isEqualTo(Errno.EPERM);
        assertThat(get(user.endpoint(), PagedKernelRig.UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(get(user.endpoint(), PagedKernelRig.RODATA)).as("readable but not writable").isEqualTo(Errno.EFAULT);
        assertThat(get(user.endpoint(), PagedKernelRig.DATA + PagedKernelRig.DATA_SIZE - 100)).as("runs off the end")
                .isEqualTo(Errno.EFAULT);
        assertThat(rig.kcall(user, request(SystemTask.SYS_GETMCONTEXT, Mcontext.ENDPT, user.endpoint(),
                Mcontext.CTX_PTR, CTX)).type()).isEqualTo(Errno.ECALLDENIED);
    }
}
