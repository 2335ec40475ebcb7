package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.Errno;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class AbortCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final List<Integer> shutdowns = new ArrayList<>();

    AbortCallTest() {
        rig.kernel.setEvents(new Kernel.Events() {
            @Override
            public void shutdown(int how) {
                shutdowns.add(how);
            }
        });
    }

    private int abort(Proc caller, int how) {
        return rig.kcall(caller, request(SystemTask.SYS_ABORT, AbortCall.HOW, how)).type();
    }

    @Test
    void theShutdownRequestReachesWhoeverRunsTheKernel() {
        assertThat(abort(rig.sys("rs"), AbortCall.RBT_POWEROFF)).isEqualTo(Errno.OK);
        assertThat(shutdowns).containsExactly(AbortCall.RBT_POWEROFF);
    }

    @Test
    void anUnknownKindOfShutdownIsInvalid() {
        assertThat(abort(rig.sys("rs"), 3)).isEqualTo(Errno.EINVAL);
        assertThat(shutdowns).isEmpty();
    }
}
