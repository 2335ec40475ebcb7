package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 6: unknown IPC call numbers, and MINIX_KERNINFO. */
class UnknownIpcCallTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");

    @Test
    void unknownCallNumbersAreBadCall() {
        for (int call : new int[] {0, 7, 15, 17, -1, 0x101}) {
            assertThat(rig.ipc(a, call, a.endpoint(), 0)).as("call %d", call).isEqualTo(Errno.EBADCALL);
        }
    }

    @Test
    void kerninfoBeforeSetupIsBadCall() {
        assertThat(rig.ipc(a, IpcCall.MINIX_KERNINFO, 0, 0)).isEqualTo(Errno.EBADCALL);
    }

    @Test
    void kerninfoReturnsTheStructureAddressInEbx() {
        rig.kernel.ipc().setKerninfoAddress(0x00C0_1000);
        assertThat(rig.ipc(a, IpcCall.MINIX_KERNINFO, 0, 0)).isEqualTo(Errno.OK);
        assertThat(a.context.ebx).isEqualTo(0x00C0_1000);
    }

    @Test
    void kerninfoIgnoresTheTrapMask() {
        rig.kernel.ipc().setKerninfoAddress(0x00C0_1000);
        Proc u = rig.user("u");
        assertThat(rig.ipc(u, IpcCall.MINIX_KERNINFO, 0, 0)).isEqualTo(Errno.OK);
    }
}
