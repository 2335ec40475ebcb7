package org.jinx.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.TrapSink;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.mem.PagedGuestMemory;
import org.jinx.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * The binding between the CPU and the kernel, driven the way the CPU's interrupt delivery calls
 * it: registers saved into the trapping process, the next process's registers, ring-3 flat
 * segments and address space loaded; each address space keeps its own translations across
 * switches, and all of them go when the kernel has narrowed a mapping.
 */
class CpuTrapBindingTest {
    private static final int PD_A = 0x10000, PT_A = 0x11000, FRAME_A = 0x50000;
    private static final int PD_B = 0x20000, PT_B = 0x21000, FRAME_B = 0x60000;
    /** Linear address mapped to a different frame in each address space. */
    private static final int LIN = 0x400000;

    private final Machine machine = new Machine(2 << 20, 33_000_000L);
    private final Cpu cpu = machine.cpu;
    private final List<String> log = new ArrayList<>();
    private final Kernel kernel = new Kernel(new PagedGuestMemory(machine.mem), log::add);
    private final CpuTrapBinding binding = new CpuTrapBinding(kernel);
    private final Proc a;
    private final Proc b;

    CpuTrapBindingTest() {
        addressSpace(machine.mem, PD_A, PT_A, FRAME_A);
        addressSpace(machine.mem, PD_B, PT_B, FRAME_B);
        a = process("a", PD_A, 0x1000, 0x8000);
        b = process("b", PD_B, 0x2000, 0x9000);
        kernel.schedule();
        binding.attach(cpu);
    }

    private static void addressSpace(PhysicalMemory mem, int pd, int pt, int frame) {
        mem.write32(pd + (LIN >>> 22) * 4, pt | 7);
        mem.write32(pt, frame | 7);
    }

    private Proc process(String name, int cr3, int eip, int esp) {
        Proc p = kernel.newProcess(name);
        kernel.setSystemPriv(p, -1);
        p.context.cr3 = cr3;
        p.context.eip = eip;
        p.context.esp = esp;
        kernel.allow(p);
        return p;
    }

    @Test
    void attachLoadsTheFirstProcessInFlatRingThree() {
        assertThat(kernel.currentProc()).isSameAs(a);
        assertThat(cpu.eip).isEqualTo(0x1000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x8000);
        assertThat(cpu.cr3).isEqualTo(PD_A);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(0x1B);
        assertThat(cpu.seg[Cpu.CS].dpl()).isEqualTo(3);
        assertThat(cpu.seg[Cpu.CS].executable).isTrue();
        assertThat(cpu.seg[Cpu.DS].writable).isTrue();
        assertThat(cpu.seg[Cpu.SS].hi).isEqualTo(0xFFFFFFFFL);
        assertThat(cpu.ifFlag()).isTrue();
        assertThat(cpu.pagingEnabled()).isTrue();
    }

    @Test
    void ipcTrapThatBlocksSavesTheCallerAndSwitchesToTheNextProcess() {
        assertThat(cpu.paging.translate(LIN, false, true)).isEqualTo(FRAME_A); // fills the TLB
        cpu.reg[Cpu.ECX] = IpcCall.RECEIVE;
        cpu.reg[Cpu.EAX] = Endpoint.ANY;
        cpu.reg[Cpu.EBX] = 0x3000;
        cpu.reg[Cpu.ESI] = 0x5151;
        cpu.eip = 0x1002; // after the INT

        assertThat(binding.trap(cpu, TrapSink.Kind.SOFTWARE, KernelTrap.IPC_VECTOR, false, 0)).isTrue();

        assertThat(a.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(a.context.eip).isEqualTo(0x1002);
        assertThat(a.context.esi).isEqualTo(0x5151);
        assertThat(a.context.eax).isEqualTo(0);
        assertThat(kernel.currentProc()).isSameAs(b);
        assertThat(cpu.eip).isEqualTo(0x2000);
        assertThat(cpu.reg[Cpu.ESI]).isZero();
        assertThat(cpu.cr3).isEqualTo(PD_B);
        assertThat(cpu.paging.translate(LIN, false, true)).as("B's own translation").isEqualTo(FRAME_B);
    }

    /** A kernel that hands over to whichever context the test names, with a settable mapping epoch. */
    private static final class Handover implements KernelTrap {
        Context current;
        Context next;
        long epoch;

        @Override
        public Context current() {
            return current;
        }

        @Override
        public long mappingEpoch() {
            return epoch;
        }

        @Override
        public void trap(Kind kind, int vector, int errorCode) {
            current = next;
        }
    }

    private static Context context(int cr3) {
        Context c = new Context();
        c.cr3 = cr3;
        return c;
    }

    @Test
    void eachAddressSpaceKeepsItsTranslationsAcrossSwitches() {
        Handover k = new Handover();
        Context ca = context(PD_A);
        Context cb = context(PD_B);
        k.current = ca;
        CpuTrapBinding binding = new CpuTrapBinding(k);
        binding.attach(cpu);
        assertThat(cpu.paging.translate(LIN, false, true)).isEqualTo(FRAME_A);
        for (int round = 0; round < 3; round++) {
            k.next = cb;
            binding.trap(cpu, TrapSink.Kind.SOFTWARE, KernelTrap.IPC_VECTOR, false, 0);
            assertThat(cpu.paging.translate(LIN, false, true)).isEqualTo(FRAME_B);
            k.next = ca;
            binding.trap(cpu, TrapSink.Kind.SOFTWARE, KernelTrap.IPC_VECTOR, false, 0);
            long walks = cpu.paging.walks;
            assertThat(cpu.paging.translate(LIN, false, true)).isEqualTo(FRAME_A);
            assertThat(cpu.paging.walks).as("A's translation kept while B ran").isEqualTo(walks);
        }
    }

    @Test
    void mappingTheKernelRemovedWhileAnotherSpaceRanIsGoneWhenItsSpaceRunsAgain() {
        Handover k = new Handover();
        Context ca = context(PD_A);
        Context cb = context(PD_B);
        k.current = ca;
        CpuTrapBinding binding = new CpuTrapBinding(k);
        binding.attach(cpu);
        assertThat(cpu.paging.translate(LIN, false, true)).isEqualTo(FRAME_A);
        k.next = cb;
        binding.trap(cpu, TrapSink.Kind.SOFTWARE, KernelTrap.IPC_VECTOR, false, 0);
        machine.mem.write32(PT_A, 0); // the kernel unmaps A's page while B runs
        k.epoch++;
        k.next = ca;
        binding.trap(cpu, TrapSink.Kind.SOFTWARE, KernelTrap.IPC_VECTOR, false, 0);
        CpuFault f = catchThrowableOfType(CpuFault.class,
                () -> cpu.paging.translate(LIN, false, true));
        assertThat(f).isNotNull();
        assertThat(f.vector).isEqualTo(Exceptions.PF);
    }

    @Test
    void ipcTrapThatDoesNotBlockResumesTheCallerWithTheResultInEax() {
        cpu.reg[Cpu.ECX] = 7; // unknown call
        cpu.eip = 0x1002;
        binding.trap(cpu, TrapSink.Kind.SOFTWARE, KernelTrap.IPC_VECTOR_UM, false, 0);
        assertThat(kernel.currentProc()).isSameAs(a);
        assertThat(cpu.reg[Cpu.EAX]).isEqualTo(Errno.EBADCALL);
        assertThat(cpu.eip).isEqualTo(0x1002);
    }

    @Test
    void forbiddenFlagsNeverReachTheCpu() {
        b.context.eflags = Cpu.VM | Cpu.NT | 0x2;
        a.setRts(RtsFlag.P_STOP);
        binding.trap(cpu, TrapSink.Kind.EXTERNAL, KernelTrap.IRQ0_VECTOR, false, 0);
        assertThat(kernel.currentProc()).isSameAs(b);
        assertThat(cpu.getEflags() & (Cpu.VM | Cpu.NT)).isZero();
        assertThat(cpu.ifFlag()).isTrue();
    }

    @Test
    void softwareInterruptToAnotherVectorIsAGeneralProtectionFault() {
        Proc mgr = kernel.newProcess("mgr");
        kernel.setSystemPriv(mgr, -1);
        a.priv().sigMgr = mgr.endpoint(); // not self-managed: the fault stops it
        cpu.eip = 0x1002;
        binding.trap(cpu, TrapSink.Kind.SOFTWARE, 0x80, false, 0);
        assertThat(a.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(kernel.currentProc()).isSameAs(b);
    }

    @Test
    void nobodyRunnableHaltsTheCpuWithInterruptsOnAndAnInterruptComesBack() {
        a.setRts(RtsFlag.P_STOP);
        b.setRts(RtsFlag.P_STOP);
        binding.trap(cpu, TrapSink.Kind.EXTERNAL, KernelTrap.IRQ0_VECTOR, false, 0);
        assertThat(kernel.current()).isNull();
        assertThat(cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(cpu.ifFlag()).isTrue();

        b.clearRts(RtsFlag.P_STOP);
        binding.trap(cpu, TrapSink.Kind.EXTERNAL, KernelTrap.IRQ0_VECTOR, false, 0);
        assertThat(cpu.state).isEqualTo(Cpu.State.RUNNING);
        assertThat(cpu.eip).isEqualTo(0x2000);
        assertThat(kernel.clock().ticks()).isEqualTo(2);
    }
}
