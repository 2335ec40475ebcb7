package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 30: only system processes may SENDA, and the count is bounded. */
class SendaPermissionAndCountTest {
    private final KernelRig rig = new KernelRig();

    @Test
    void userProcessIsRefusedWithEperm() {
        Proc u = rig.user("u");
        assertThat(rig.senda(u, 1)).isEqualTo(Errno.EPERM);
    }

    @Test
    void countAboveTheLimitIsEdomAndTheLimitItselfIsAccepted() {
        Proc a = rig.sys("a");
        assertThat(rig.senda(a, 4177)).isEqualTo(Errno.EDOM);
        assertThat(rig.ipc(a, IpcCall.SENDA, -1, rig.table(a))).as("count is unsigned").isEqualTo(Errno.EDOM);
        assertThat(rig.senda(a, 4176)).as("4176 entries of zeros").isEqualTo(Errno.OK);
    }

    @Test
    void countIsCheckedBeforeThePrivilege() {
        Proc u = rig.user("u");
        assertThat(rig.senda(u, 4177)).isEqualTo(Errno.EDOM);
    }
}
