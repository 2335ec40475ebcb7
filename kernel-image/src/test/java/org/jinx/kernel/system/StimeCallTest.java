package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class StimeCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");

    private long bootTime() {
        return rig.kcall(pm, request(SystemTask.SYS_TIMES, TimesCall.ENDPT, Endpoint.NONE)).getLong(TimesCall.BOOT_TIME);
    }

    private int stime(Proc caller, long boot) {
        Message m = request(SystemTask.SYS_STIME);
        m.setLong(StimeCall.BOOT_TIME, boot);
        return rig.kcall(caller, m).type();
    }

    @Test
    void theBootTimeSysTimesReportsIsTheOneSet() {
        long before = bootTime();
        assertThat(stime(pm, 1_700_000_000_123L)).isEqualTo(Errno.OK);
        assertThat(bootTime()).isEqualTo(1_700_000_000_123L).isNotEqualTo(before);
        assertThat(stime(pm, 5)).isEqualTo(Errno.OK);
        assertThat(bootTime()).isEqualTo(5);
    }

    @Test
    void onlyProcessesGivenTheCallMaySetIt() {
        long before = bootTime();
        assertThat(stime(rig.user("u"), 42)).isEqualTo(Errno.ECALLDENIED);
        pm.priv().kCallMask &= ~(1L << (SystemTask.SYS_STIME - SystemTask.KERNEL_CALL));
        assertThat(stime(pm, 42)).isEqualTo(Errno.ECALLDENIED);
        assertThat(bootTime()).isEqualTo(before);
    }
}
