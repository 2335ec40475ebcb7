package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelTrap;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.clock.ClockTask;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SettimeCallTest {
    private static final long BOOT = 1_000_000_000L;

    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");

    SettimeCallTest() {
        Message m = request(SystemTask.SYS_STIME);
        m.setLong(StimeCall.BOOT_TIME, BOOT);
        rig.kcall(pm, m);
        rig.kernel.schedule();
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
        }
    }

    private Message times() {
        return rig.kcall(pm, request(SystemTask.SYS_TIMES, TimesCall.ENDPT, Endpoint.NONE));
    }

    private int settime(int now, int clock, long sec, int nsec) {
        Message m = request(SystemTask.SYS_SETTIME, SettimeCall.NOW, now, SettimeCall.CLOCK_ID, clock,
                SettimeCall.NSEC, nsec);
        m.setLong(SettimeCall.SEC, sec);
        return rig.kcall(pm, m).type();
    }

    @Test
    void settingTheTimeMovesRealtimeButNotTheMonotonicCount() {
        ticks(5);
        assertThat(settime(1, SettimeCall.CLOCK_REALTIME, BOOT + 100, 500_000_000)).isEqualTo(Errno.OK);
        Message t = times();
        assertThat(t.getInt(TimesCall.REAL_TICKS)).isEqualTo(100 * ClockTask.HZ + ClockTask.HZ / 2);
        assertThat(t.getInt(TimesCall.BOOT_TICKS)).isEqualTo(5);
        assertThat(t.getLong(TimesCall.BOOT_TIME)).isEqualTo(BOOT);
        ticks(7);
        t = times();
        assertThat(t.getInt(TimesCall.REAL_TICKS)).as("realtime keeps running").isEqualTo(100 * ClockTask.HZ + 30 + 7);
        assertThat(t.getInt(TimesCall.BOOT_TICKS)).isEqualTo(12);
    }

    @Test
    void aTimeBeforeTheBootTimeBecomesTheBootTime() {
        ticks(3);
        assertThat(settime(1, SettimeCall.CLOCK_REALTIME, BOOT - 50, 0)).isEqualTo(Errno.OK);
        Message t = times();
        assertThat(t.getLong(TimesCall.BOOT_TIME)).isEqualTo(BOOT - 50);
        assertThat(t.getInt(TimesCall.REAL_TICKS)).isEqualTo(1);
    }

    @Test
    void anAdjustmentIsSlewedInAtOneTickPerTickWithoutGoingBackwards() {
        ticks(10);
        assertThat(settime(0, SettimeCall.CLOCK_REALTIME, 0, 100_000_000)).as("+0.1 s = +6 ticks").isEqualTo(Errno.OK);
        assertThat(times().getInt(TimesCall.REAL_TICKS)).as("nothing happens at once").isEqualTo(10);
        ticks(4);
        assertThat(times().getInt(TimesCall.REAL_TICKS)).as("double speed").isEqualTo(18);
        ticks(4);
        assertThat(times().getInt(TimesCall.REAL_TICKS)).as("6 extra, then normal speed").isEqualTo(24);
        assertThat(settime(0, SettimeCall.CLOCK_REALTIME, 0, -1)).as("a negative nsec").isEqualTo(Errno.EINVAL);
        assertThat(settime(0, SettimeCall.CLOCK_REALTIME, -1, 0)).as("-1 s = -60 ticks").isEqualTo(Errno.OK);
        ticks(5);
        assertThat(times().getInt(TimesCall.REAL_TICKS)).as("realtime stands still while slowing").isEqualTo(24);
        assertThat(times().getInt(TimesCall.BOOT_TICKS)).isEqualTo(23);
    }

    @Test
    void onlyTheRealtimeClockWithAValidNsecCanBeSet() {
        ticks(2);
        assertThat(settime(1, 1, BOOT + 10, 0)).as("CLOCK_MONOTONIC? no").isEqualTo(Errno.EINVAL);
        assertThat(settime(1, SettimeCall.CLOCK_REALTIME, BOOT + 10, 1_000_000_000)).isEqualTo(Errno.EINVAL);
        assertThat(times().getInt(TimesCall.REAL_TICKS)).isEqualTo(2);
        assertThat(rig.kcall(rig.user("u"), request(SystemTask.SYS_SETTIME)).type()).isEqualTo(Errno.ECALLDENIED);
    }
}
