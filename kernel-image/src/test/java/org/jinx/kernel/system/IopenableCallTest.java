package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class IopenableCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc drv = rig.sys("driver");

    private int iopenable(Proc caller, int endpt) {
        return rig.kcall(caller, request(SystemTask.SYS_IOPENABLE, IopenableCall.ENDPT, endpt)).type();
    }

    @Test
    void itSetsIoplThreeInTheTargetsSavedEflagsAndNothingElse() {
        Proc user = rig.user("user");
        user.context.eflags = Context.USER_EFLAGS | Eflags.CF;
        assertThat(iopenable(drv, user.endpoint())).isEqualTo(Errno.OK);
        assertThat(user.context.eflags).isEqualTo(Context.USER_EFLAGS | Eflags.CF | Eflags.IOPL);
        assertThat(drv.context.eflags & Eflags.IOPL).as("the caller is unchanged").isZero();
    }

    @Test
    void selfMeansTheCaller() {
        assertThat(iopenable(drv, Endpoint.SELF)).isEqualTo(Errno.OK);
        assertThat(drv.context.eflags & Eflags.IOPL).isEqualTo(Eflags.IOPL);
    }

    @Test
    void theForkedChildInheritsIt() {
        iopenable(drv, Endpoint.SELF);
        int child = rig.kcall(drv, request(SystemTask.SYS_FORK, ForkCall.ENDPT, Endpoint.SELF, ForkCall.SLOT, Endpoint.NONE))
                .getInt(ForkCall.CHILD);
        assertThat(rig.lookup(child).context.eflags & Eflags.IOPL).isEqualTo(Eflags.IOPL);
    }

    @Test
    void badEndpointsAndTasksAreRefusedAndOnlyPrivilegedCallersMayAsk() {
        assertThat(iopenable(drv, Endpoint.NONE)).isEqualTo(Errno.EINVAL);
        assertThat(iopenable(drv, 12345)).isEqualTo(Errno.EINVAL);
        assertThat(iopenable(drv, Endpoint.CLOCK)).isEqualTo(Errno.EPERM);
        Proc user = rig.user("user");
        assertThat(iopenable(user, Endpoint.SELF)).as("a user process has no kernel calls").isEqualTo(Errno.ECALLDENIED);
        assertThat(user.context.eflags & Eflags.IOPL).isZero();
    }
}
