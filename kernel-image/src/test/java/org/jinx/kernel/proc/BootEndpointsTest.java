package org.jinx.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.KernelRig;
import org.junit.jupiter.api.Test;

/** The boot image's slots (spec 2.4): fixed endpoints, static priv ids, only RS and VM privileged. */
class BootEndpointsTest {
    private final KernelRig rig = new KernelRig();
    private final ProcTable procs = rig.kernel.procs();

    @Test
    void everyBootSlotHasItsFixedEndpointAndGenerationZero() {
        for (int s = -Endpoint.NR_TASKS; s <= Endpoint.INIT; s++) {
            Proc p = procs.lookup(s);
            assertThat(p).as("slot %d", s).isNotNull();
            assertThat(p.endpoint()).isEqualTo(s);
        }
        assertThat(procs.lookup(Endpoint.RS).name()).isEqualTo("rs");
        assertThat(procs.lookup(Endpoint.HARDWARE).name()).isEqualTo("kernel");
    }

    @Test
    void kernelTasksAreNeverScheduledAndHaveStaticPrivIds() {
        for (int s = -Endpoint.NR_TASKS; s < 0; s++) {
            Proc t = procs.lookup(s);
            assertThat(t.hasRts(RtsFlag.PROC_STOP)).isTrue();
            assertThat(t.priv().id).isEqualTo(Endpoint.NR_TASKS + s);
            assertThat(t.priv().ipcTo).isZero();
        }
        assertThat(procs.lookup(Endpoint.CLOCK).priv().trapMask).isEqualTo(IpcCall.RECEIVE_ONLY);
        assertThat(procs.lookup(Endpoint.SYSTEM).priv().trapMask).isEqualTo(IpcCall.RECEIVE_ONLY);
        assertThat(procs.lookup(Endpoint.IDLE).priv().trapMask).isZero();
        assertThat(procs.runQueues().pick()).as("nothing runnable before images load").isNull();
    }

    @Test
    void onlyRsAndVmHavePrivilegesAtBoot() {
        for (int s = 0; s <= Endpoint.INIT; s++) {
            Proc p = procs.lookup(s);
            boolean privileged = s == Endpoint.RS || s == Endpoint.VM;
            assertThat(p.hasRts(RtsFlag.NO_PRIV)).as("slot %d", s).isEqualTo(!privileged);
            if (privileged) {
                assertThat(p.priv().id).isEqualTo(PrivTable.staticId(s));
                assertThat(p.priv().isSysProc()).isTrue();
                assertThat(p.priv().trapMask).isEqualTo(IpcCall.ALL_TRAPS);
            }
        }
        assertThat(procs.lookup(Endpoint.RS).priv().flags & PrivFlag.ROOT_SYS_PROC).isNotZero();
    }

    @Test
    void userProcessesShareOnePrivWithSendrecOnly() {
        Proc u = rig.user("u");
        Proc v = rig.user("v");
        assertThat(u.priv()).isSameAs(v.priv());
        assertThat(u.priv().id).isEqualTo(16);
        assertThat(u.priv().trapMask).isEqualTo(0x8);
        assertThat(u.priv().kCallMask).isZero();
    }

    @Test
    void dynamicPrivIdsStartAfterTheUserId() {
        assertThat(rig.sys("a").priv().id).isEqualTo(17);
        assertThat(rig.sys("b").priv().id).isEqualTo(18);
    }

    @Test
    void firstProcessAfterBootGetsGenerationOneInTheFirstFreeSlot() {
        Proc a = rig.sys("a");
        assertThat(a.slot).isEqualTo(Endpoint.INIT + 1);
        assertThat(Endpoint.generation(a.endpoint())).isEqualTo(1);
    }

    @Test
    void dumpListsLiveSlotsWithTheirFlags() {
        String d = rig.dump();
        assertThat(d).contains("rs").contains("BOOTINHIBIT").contains("PROC_STOP");
    }
}
