package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelTrap;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class SetalarmCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc p = rig.sys("p");
    private static final int RECV = PagedKernelRig.SCRATCH;

    private Message setalarm(Proc caller, int exp, boolean abs) {
        return rig.kcall(caller, request(SystemTask.SYS_SETALARM, SetalarmCall.EXP_TIME, exp, SetalarmCall.ABS_TIME,
                abs ? 1 : 0));
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
        }
    }

    @Test
    void aRelativeAlarmGoesOffAsANotificationFromClockAfterThatManyTicks() {
        ticks(5);
        Message r = setalarm(p, 3, false);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(SetalarmCall.UPTIME)).isEqualTo(5);
        assertThat(r.getInt(SetalarmCall.TIME_LEFT)).as("no earlier alarm").isZero();
        rig.kernel.ipc().doIpc(p, IpcCall.RECEIVE, Endpoint.ANY, RECV);
        ticks(2);
        assertThat(p.hasRts(RtsFlag.RECEIVING)).as("not yet").isTrue();
        ticks(1);
        assertThat(p.hasRts(RtsFlag.RECEIVING)).isFalse();
        rig.kernel.dispatch(p);
        Message m = new Message();
        rig.read(p, RECV, m.buf);
        assertThat(m.source()).isEqualTo(Endpoint.CLOCK);
        assertThat(m.type()).isEqualTo(Message.NOTIFY_MESSAGE);
        assertThat(m.notifyTimestamp()).isEqualTo(8);
    }

    @Test
    void anAbsoluteAlarmGoesOffAtThatTick() {
        setalarm(p, 4, true);
        rig.kernel.ipc().doIpc(p, IpcCall.RECEIVE, Endpoint.CLOCK, RECV);
        ticks(3);
        assertThat(p.hasRts(RtsFlag.RECEIVING)).isTrue();
        ticks(1);
        assertThat(p.hasRts(RtsFlag.RECEIVING)).isFalse();
    }

    @Test
    void aNewAlarmReplacesTheOldAndReportsWhatWasLeftAndZeroCancels() {
        setalarm(p, 10, false);
        ticks(4);
        assertThat(setalarm(p, 20, false).getInt(SetalarmCall.TIME_LEFT)).isEqualTo(6);
        assertThat(setalarm(p, 0, false).getInt(SetalarmCall.TIME_LEFT)).isEqualTo(20);
        assertThat(rig.kernel.clock().anyAlarm()).isFalse();
        ticks(30);
        assertThat(p.priv().notifyPending).as("no notification from a cancelled alarm").isZero();
    }

    @Test
    void anAlarmStaysWithItsOwnerOnly() {
        Proc q = rig.sys("q");
        setalarm(p, 1, false);
        ticks(1);
        assertThat(p.priv().notifyPending & 1L << PrivTable.staticId(Endpoint.CLOCK)).isNotZero();
        assertThat(q.priv().notifyPending).isZero();
    }

    @Test
    void theSharedUserStructureCannotHoldAnAlarm() {
        Proc u = rig.user("u");
        u.priv().kCallMask = 1L << (SystemTask.SYS_SETALARM - SystemTask.KERNEL_CALL);
        assertThat(setalarm(u, 3, false).type()).isEqualTo(Errno.EPERM);
        u.priv().kCallMask = 0;
    }
}
