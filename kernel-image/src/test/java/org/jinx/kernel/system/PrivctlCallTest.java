package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class PrivctlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc rs = rig.sys("rs");
    private static final int ARG = PagedKernelRig.SCRATCH;

    private int privctl(int endpoint, int req, int arg) {
        return rig.kcall(rs, request(SystemTask.SYS_PRIVCTL, PrivctlCall.ENDPT, endpoint, PrivctlCall.REQUEST, req,
                PrivctlCall.ARG_PTR, arg)).type();
    }

    private Proc held(String name) {
        return rig.kernel.newProcess(name); // NO_PRIV, no privileges yet
    }

    @Test
    void setSysWithoutArgumentGivesTheDefaultsAndAllowLetsItRun() {
        Proc p = held("svc");
        assertThat(privctl(p.endpoint(), PrivctlCall.SET_SYS, 0)).isEqualTo(Errno.OK);
        assertThat(p.priv().isSysProc()).isTrue();
        assertThat(p.priv().trapMask).isEqualTo(IpcCall.ALL_TRAPS);
        assertThat(p.isRunnable()).as("still held").isFalse();
        assertThat(privctl(p.endpoint(), PrivctlCall.ALLOW, 0)).isEqualTo(Errno.OK);
        assertThat(p.isRunnable()).isTrue();
    }

    @Test
    void setSysFromAStructureNarrowsTrapsCallsAndDestinationsBothWays() {
        Proc p = held("drv");
        Proc other = rig.sys("other");
        ByteBuffer init = ByteBuffer.allocate(PrivInit.INIT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        init.putInt(-1).putInt(PrivFlag.CHECK_IO_PORT).putInt(1 << IpcCall.SENDREC | 1 << IpcCall.RECEIVE)
                .putLong(Priv.bit(rs.priv().id)).putLong(1L << (SystemTask.SYS_DEVIO - SystemTask.KERNEL_CALL))
                .putInt(Endpoint.SELF).putInt(Endpoint.NONE);
        rig.write(rs, ARG, init.array());
        assertThat(privctl(p.endpoint(), PrivctlCall.SET_SYS, ARG)).isEqualTo(Errno.OK);
        Priv pv = p.priv();
        assertThat(pv.mayTrap(IpcCall.SEND)).isFalse();
        assertThat(pv.mayTrap(IpcCall.SENDREC)).isTrue();
        assertThat(pv.mayCall(SystemTask.SYS_DEVIO - SystemTask.KERNEL_CALL)).isTrue();
        assertThat(pv.mayCall(SystemTask.SYS_VIRCOPY - SystemTask.KERNEL_CALL)).isFalse();
        assertThat(pv.maySendTo(rs.priv().id)).isTrue();
        assertThat(pv.maySendTo(other.priv().id)).isFalse();
        assertThat(rs.priv().maySendTo(pv.id)).as("granted both ways").isTrue();
        assertThat(other.priv().maySendTo(pv.id)).as("revoked both ways").isFalse();
        assertThat(pv.flags & PrivFlag.CHECK_IO_PORT).isNotZero();
    }

    @Test
    void aStaticIdInUseIsBusyAndOnlyBootIdsMayBeAskedFor() {
        Proc p = held("p");
        ByteBuffer init = ByteBuffer.allocate(PrivInit.INIT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        init.putInt(PrivTable.staticId(Endpoint.RS)); // RS's id, held by the boot RS slot
        rig.write(rs, ARG, init.array());
        assertThat(privctl(p.endpoint(), PrivctlCall.SET_SYS, ARG)).isEqualTo(Errno.EBUSY);
        init.putInt(0, PrivTable.USER_PRIV_ID);
        rig.write(rs, ARG, init.array());
        assertThat(privctl(p.endpoint(), PrivctlCall.SET_SYS, ARG)).isEqualTo(Errno.EINVAL);
    }

    @Test
    void setSysAndSetUserNeedTheTargetHeld() {
        Proc running = rig.sys("running");
        assertThat(privctl(running.endpoint(), PrivctlCall.SET_SYS, 0)).isEqualTo(Errno.EPERM);
        assertThat(privctl(running.endpoint(), PrivctlCall.SET_USER, 0)).isEqualTo(Errno.EPERM);
    }

    @Test
    void setUserReleasesASystemStructure() {
        Proc p = held("p");
        privctl(p.endpoint(), PrivctlCall.SET_SYS, 0);
        Priv sys = p.priv();
        assertThat(privctl(p.endpoint(), PrivctlCall.SET_USER, 0)).isEqualTo(Errno.OK);
        assertThat(p.priv().id).isEqualTo(PrivTable.USER_PRIV_ID);
        assertThat(sys.isFree()).isTrue();
    }

    @Test
    void allowAndDisallowOnlyChangeWhatIsThere() {
        Proc p = rig.sys("p");
        assertThat(privctl(p.endpoint(), PrivctlCall.ALLOW, 0)).as("not held").isEqualTo(Errno.EPERM);
        assertThat(privctl(p.endpoint(), PrivctlCall.DISALLOW, 0)).isEqualTo(Errno.OK);
        assertThat(p.hasRts(RtsFlag.NO_PRIV)).isTrue();
        assertThat(privctl(p.endpoint(), PrivctlCall.DISALLOW, 0)).isEqualTo(Errno.EPERM);
        Proc bare = held("bare");
        assertThat(privctl(bare.endpoint(), PrivctlCall.ALLOW, 0)).as("no privileges at all").isEqualTo(Errno.EPERM);
    }

    @Test
    void addIoAddMemAndAddIrqRecordAllowancesAndTurnChecksOn() {
        Proc d = rig.sys("d");
        rig.put32(rs, ARG, 0x3F8);
        rig.put32(rs, ARG + 4, 0x3FF);
        assertThat(privctl(d.endpoint(), PrivctlCall.ADD_IO, ARG)).isEqualTo(Errno.OK);
        rig.put32(rs, ARG, 0xA0000);
        rig.put32(rs, ARG + 4, 0xBFFFF);
        assertThat(privctl(d.endpoint(), PrivctlCall.ADD_MEM, ARG)).isEqualTo(Errno.OK);
        rig.put32(rs, ARG, 4);
        assertThat(privctl(d.endpoint(), PrivctlCall.ADD_IRQ, ARG)).isEqualTo(Errno.OK);
        Priv pv = d.priv();
        assertThat(pv.ioRanges).containsExactly(new int[] {0x3F8, 0x3FF});
        assertThat(pv.memRanges).containsExactly(new int[] {0xA0000, 0xBFFFF});
        assertThat(pv.irqs).containsExactly(4);
        assertThat(pv.flags & (PrivFlag.CHECK_IO_PORT | PrivFlag.CHECK_MEM | PrivFlag.CHECK_IRQ))
                .isEqualTo(PrivFlag.CHECK_IO_PORT | PrivFlag.CHECK_MEM | PrivFlag.CHECK_IRQ);
    }

    @Test
    void badAllowancesAreRefused() {
        Proc d = rig.sys("d");
        rig.put32(rs, ARG, 0x400);
        rig.put32(rs, ARG + 4, 0x3FF);
        assertThat(privctl(d.endpoint(), PrivctlCall.ADD_IO, ARG)).as("base above limit").isEqualTo(Errno.EINVAL);
        rig.put32(rs, ARG, 16);
        assertThat(privctl(d.endpoint(), PrivctlCall.ADD_IRQ, ARG)).isEqualTo(Errno.EINVAL);
        assertThat(privctl(d.endpoint(), PrivctlCall.ADD_IO, PagedKernelRig.UNMAPPED)).isEqualTo(Errno.EFAULT);
        Proc u = rig.user("u");
        rig.put32(rs, ARG, 4);
        assertThat(privctl(u.endpoint(), PrivctlCall.ADD_IRQ, ARG)).as("users have no allowances").isEqualTo(Errno.EPERM);
    }

    @Test
    void clearIpcRefsReleasesEveryoneWaitingOnTheTarget() {
        Proc dead = rig.sys("dead");
        Proc waiter = rig.sys("waiter");
        rig.kernel.ipc().doIpc(waiter, IpcCall.SEND, dead.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(privctl(dead.endpoint(), PrivctlCall.CLEAR_IPC_REFS, 0)).isEqualTo(Errno.OK);
        assertThat(waiter.isRunnable()).isTrue();
        assertThat(waiter.context.eax).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void badEndpointOrRequestIsInvalid() {
        assertThat(privctl(Endpoint.NONE, PrivctlCall.ALLOW, 0)).isEqualTo(Errno.EINVAL);
        assertThat(privctl(Endpoint.CLOCK, PrivctlCall.ALLOW, 0)).isEqualTo(Errno.EINVAL);
        assertThat(privctl(rs.endpoint(), 99, 0)).isEqualTo(Errno.EINVAL);
    }
}
