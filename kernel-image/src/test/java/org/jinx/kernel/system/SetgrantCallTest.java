package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SetgrantCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();

    private int setgrant(Proc caller, int addr, int size) {
        return rig.kcall(caller, request(SystemTask.SYS_SETGRANT, SetgrantCall.ADDR, addr, SetgrantCall.SIZE, size)).type();
    }

    @Test
    void theTableIsRegisteredUnderTheCallersCurrentEndpoint() {
        Proc p = rig.sys("p");
        p.priv().grantEndpoint = 12345; // a leftover from before a slot swap
        assertThat(setgrant(p, 0x400100, 10)).isEqualTo(Errno.OK);
        assertThat(p.priv().grantTable).isEqualTo(0x400100);
        assertThat(p.priv().grantEntries).isEqualTo(10);
        assertThat(p.priv().grantEndpoint).isEqualTo(p.endpoint());
    }

    @Test
    void zeroUnregistersAndSizesOutOfRangeAreInvalid() {
        Proc p = rig.sys("p");
        setgrant(p, 0x400100, 10);
        assertThat(setgrant(p, 0, 0)).isEqualTo(Errno.OK);
        assertThat(p.priv().grantEntries).isZero();
        assertThat(setgrant(p, 0x400100, -1)).isEqualTo(Errno.EINVAL);
        assertThat(setgrant(p, 0x400100, Grants.GRANT_MAX_ENTRIES + 1)).isEqualTo(Errno.EINVAL);
    }

    @Test
    void theSharedUserStructureCannotHoldATable() {
        Proc u = rig.user("u");
        u.priv().kCallMask = 1L << (SystemTask.SYS_SETGRANT - SystemTask.KERNEL_CALL);
        assertThat(setgrant(u, 0x400100, 1)).isEqualTo(Errno.EPERM);
        u.priv().kCallMask = 0;
    }
}
