package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelTrap;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.hw.PicControl;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class IrqctlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc drv = rig.sys("driver");
    private static final int RECV = PagedKernelRig.SCRATCH;

    private Message irqctl(Proc caller, int req, int irq, int policy, int hookOrId) {
        return rig.kcall(caller, request(SystemTask.SYS_IRQCTL, IrqctlCall.REQUEST, req, IrqctlCall.VECTOR, irq,
                IrqctlCall.POLICY, policy, IrqctlCall.HOOK_ID, hookOrId));
    }

    private int setPolicy(int irq, int policy, int notifyId) {
        Message r = irqctl(drv, IrqctlCall.SETPOLICY, irq, policy, notifyId);
        assertThat(r.type()).isEqualTo(Errno.OK);
        return r.getInt(IrqctlCall.REPLY_HOOK_ID);
    }

    private void fire(int irq) {
        rig.kernel.trap(KernelTrap.Kind.INTERRUPT, irq < 8 ? KernelTrap.IRQ0_VECTOR + irq : KernelTrap.IRQ8_VECTOR + irq - 8, 0);
    }

    /** The master's mask as last written (OCW1 on port 0x21). */
    private int masterMask() {
        for (int i = rig.ports.accesses.size() - 1; i >= 0; i--) {
            String a = rig.ports.accesses.get(i);
            if (a.startsWith("out 0x21,1")) {
                return Integer.parseInt(a.substring(a.lastIndexOf("0x") + 2), 16);
            }
        }
        throw new AssertionError("no mask written: " + rig.ports.accesses);
    }

    @Test
    void setPolicyUnmasksTheLineAndAnInterruptArrivesAsANotificationFromHardware() {
        int hook = setPolicy(4, 0, 3);
        assertThat(hook).isBetween(1, 16);
        assertThat(masterMask() & 1 << 4).as("unmasked").isZero();
        rig.kernel.ipc().doIpc(drv, IpcCall.RECEIVE, Endpoint.ANY, RECV);
        fire(4);
        assertThat(rig.ports.accesses).contains("out 0x20,1 <- 0x20"); // EOI
        rig.kernel.dispatch(drv);
        Message m = new Message();
        rig.read(drv, RECV, m.buf);
        assertThat(m.source()).isEqualTo(Endpoint.HARDWARE);
        assertThat(m.notifyInterrupts()).isEqualTo(1L << 3);
    }

    @Test
    void withoutReenableTheLineStaysMaskedUntilTheDriverEnablesIt() {
        int hook = setPolicy(4, 0, 3);
        fire(4);
        assertThat(masterMask() & 1 << 4).as("masked while being serviced").isNotZero();
        assertThat(irqctl(drv, IrqctlCall.ENABLE, 0, 0, hook).type()).isEqualTo(Errno.OK);
        assertThat(masterMask() & 1 << 4).isZero();
    }

    @Test
    void withReenableTheLineIsOpenAgainAtOnce() {
        setPolicy(4, IrqctlCall.REENABLE, 3);
        fire(4);
        assertThat(masterMask() & 1 << 4).isZero();
    }

    @Test
    void interruptsBeforeTheReceiveCoalesceIntoOneMessage() {
        setPolicy(4, IrqctlCall.REENABLE, 3);
        setPolicy(3, IrqctlCall.REENABLE, 5);
        fire(4);
        fire(4);
        fire(3);
        rig.kernel.ipc().doIpc(drv, IpcCall.RECEIVE, Endpoint.ANY, RECV);
        rig.kernel.dispatch(drv);
        Message m = new Message();
        rig.read(drv, RECV, m.buf);
        assertThat(m.notifyInterrupts()).isEqualTo(0x28);
        assertThat(drv.priv().intPending).isZero();
    }

    @Test
    void removingThePolicyMasksTheLine() {
        int hook = setPolicy(4, IrqctlCall.REENABLE, 3);
        assertThat(irqctl(drv, IrqctlCall.RMPOLICY, 0, 0, hook).type()).isEqualTo(Errno.OK);
        assertThat(masterMask() & 1 << 4).isNotZero();
        assertThat(irqctl(drv, IrqctlCall.ENABLE, 0, 0, hook).type()).as("the hook is gone").isEqualTo(Errno.EINVAL);
    }

    @Test
    void anotherOwnersHookIsNotYours() {
        int hook = setPolicy(4, 0, 3);
        assertThat(irqctl(rig.sys("other"), IrqctlCall.ENABLE, 0, 0, hook).type()).isEqualTo(Errno.EPERM);
    }

    @Test
    void theKernelsLinesUngrantedLinesAndBadIdsAreRefused() {
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, 0, 0, 1).type()).as("the clock").isEqualTo(Errno.EPERM);
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, PicControl.CASCADE_IRQ, 0, 1).type()).isEqualTo(Errno.EPERM);
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, 16, 0, 1).type()).isEqualTo(Errno.EINVAL);
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, 4, 0, 32).type()).isEqualTo(Errno.EINVAL);
        assertThat(irqctl(drv, 9, 4, 0, 1).type()).isEqualTo(Errno.EINVAL);
        drv.priv().flags |= org.jinx.kernel.priv.PrivFlag.CHECK_IRQ;
        drv.priv().irqs.add(4);
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, 5, 0, 1).type()).isEqualTo(Errno.EPERM);
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, 4, 0, 1).type()).isEqualTo(Errno.OK);
    }

    @Test
    void theSameNotifyIdReusesItsHookAndTheTableRunsOut() {
        int first = setPolicy(4, 0, 3);
        assertThat(setPolicy(5, 0, 3)).as("moved to IRQ 5").isEqualTo(first);
        for (int id = 4; id < 4 + 15; id++) {
            setPolicy(6, 0, id);
        }
        assertThat(irqctl(drv, IrqctlCall.SETPOLICY, 7, 0, 31).type()).isEqualTo(Errno.ENOSPC);
    }
}
