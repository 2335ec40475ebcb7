package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class ClearCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc rs = rig.sys("rs");

    private int clear(int endpoint) {
        return rig.kcall(rs, request(SystemTask.SYS_CLEAR, ClearCall.ENDPT, endpoint)).type();
    }

    @Test
    void clearingFreesTheAddressSpaceTheAlarmAndTheIrqHooks() {
        int free = rig.spaces.freePages();
        Proc d = rig.sys("driver");
        rig.kernel.clock().setAlarm(d.priv().id, 100);
        rig.kernel.irqHooks().setPolicy(d.endpoint(), 5, 0, 1);
        rig.ports.clear();
        assertThat(clear(d.endpoint())).isEqualTo(Errno.OK);
        assertThat(rig.spaces.freePages()).as("every page and table back").isEqualTo(free);
        assertThat(rig.kernel.clock().anyAlarm()).isFalse();
        assertThat(rig.kernel.irqHooks().anyInUse()).isFalse();
        // The line goes quiet again once its only listener is gone: IRQ 5 masked at the master.
        assertThat(rig.ports.accesses).last().asString().startsWith("out 0x21,1").matches(".*<- 0x[0-9a-f]*")
                .satisfies(s -> assertThat(Integer.parseInt(s.substring(s.indexOf("0x", 10) + 2), 16) & 1 << 5)
                        .isNotZero());
    }

    @Test
    void processesBlockedOnTheDeadOneAreReleasedWithDeadSrcDst() {
        Proc d = rig.sys("d");
        Proc waiter = rig.sys("waiter");
        rig.kernel.ipc().doIpc(waiter, IpcCall.RECEIVE, d.endpoint(), PagedKernelRig.SCRATCH);
        clear(d.endpoint());
        assertThat(waiter.isRunnable()).isTrue();
        assertThat(waiter.context.eax).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void aBadEndpointIsInvalidAndAKernelTaskIsRefused() {
        assertThat(clear(Endpoint.NONE)).isEqualTo(Errno.EINVAL);
        assertThat(clear(Endpoint.CLOCK)).isEqualTo(Errno.EPERM);
    }
}
