package org.jinx.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jinx.Machine;
import org.jinx.bus.IoPortHandler;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.PageTableBuilder;
import org.jinx.debug.StopEvent.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Run control, breakpoints and watchpoints of {@link MachineDebugTarget} with the guest on its
 * own thread, as under the gdb stub. The guest loop, at 0x1000 in flat 32-bit mode:
 * <pre>
 * 1000 mov eax,[8000]   1005 inc eax   1006 mov [8000],eax   100b mov [8010],eax   1010 jmp 1000
 * </pre>
 */
@Timeout(20)
class MachineDebugTargetTest {
    private final CpuRig rig = CpuRig.flat32()
            .code(0xA1, 0x00, 0x80, 0x00, 0x00)
            .code(0x40)
            .code(0xA3, 0x00, 0x80, 0x00, 0x00)
            .code(0xA3, 0x10, 0x80, 0x00, 0x00)
            .code(0xEB, 0xEE);
    private final Cpu cpu = rig.cpu;
    private final MachineDebugTarget target = new MachineDebugTarget(rig.machine, true);
    private final BlockingQueue<StopEvent> stops = new ArrayBlockingQueue<>(16);
    private final BlockingQueue<Machine.StopReason> ended = new ArrayBlockingQueue<>(1);
    private final Thread guest = new Thread(() -> ended.add(target.runGuest(0)), "guest");

    MachineDebugTargetTest() {
        target.setStopListener(stops::add);
        guest.setDaemon(true);
        guest.start();
    }

    @AfterEach
    void killGuest() throws InterruptedException {
        target.kill();
        guest.join(5000);
    }

    private StopEvent resumeAndWait(boolean step) throws InterruptedException {
        assertThat(target.resume(step)).isTrue();
        StopEvent e = stops.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("stop event").isNotNull();
        return e;
    }

    private int reg(int n) {
        byte[] b = new byte[10];
        assertThat(target.readRegister(n, b, 0)).isEqualTo(4);
        return RegisterFile.getLe32(b, 0);
    }

    private int mem32(long addr) {
        byte[] b = new byte[4];
        assertThat(target.readMemory(addr, b, 0, 4)).isEqualTo(4);
        return RegisterFile.getLe32(b, 0);
    }

    @Test
    void softwareBreakpointStopsBeforeTheInstruction() throws InterruptedException {
        assertThat(target.insertBreakpoint(BreakpointKind.SOFTWARE, 0x1006, 1)).isTrue();
        StopEvent e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.BREAKPOINT);
        assertThat(e.address()).isEqualTo(0x1006);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1006);
        assertThat(reg(0)).isEqualTo(1); // EAX after the first inc
        assertThat(mem32(0x8000)).isZero(); // the store has not happened
        assertThat(cpu.mem.read8(0x1006)).isEqualTo(0xA3); // no int3 in guest memory
    }

    @Test
    void stepExecutesExactlyOneInstruction() throws InterruptedException {
        assertThat(resumeAndWait(true).reason()).isEqualTo(Reason.STEPPED);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1005);
        resumeAndWait(true);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1006);
        assertThat(reg(0)).isEqualTo(1);
    }

    @Test
    void stepRunsTheInstructionUnderABreakpoint() throws InterruptedException {
        target.insertBreakpoint(BreakpointKind.SOFTWARE, 0x1000, 1);
        assertThat(resumeAndWait(true).reason()).isEqualTo(Reason.STEPPED);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1005);
    }

    @Test
    void writeWatchpointStopsAfterTheStoreWithTheNewValue() throws InterruptedException {
        assertThat(target.insertBreakpoint(BreakpointKind.WRITE_WATCH, 0x8000, 4)).isTrue();
        StopEvent e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.WATCH);
        assertThat(e.address()).isEqualTo(0x8000);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x100B);
        assertThat(mem32(0x8000)).isEqualTo(1);
        e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.WATCH);
        assertThat(mem32(0x8000)).isEqualTo(2);
    }

    @Test
    void watchpointsLeaveTheGuestDebugRegistersAlone() {
        target.insertBreakpoint(BreakpointKind.WRITE_WATCH, 0x8000, 4);
        target.insertBreakpoint(BreakpointKind.HARDWARE, 0x1005, 1);
        assertThat(cpu.dr[7]).isEqualTo(0x400);
        assertThat(cpu.dr[0]).isZero();
        assertThat(cpu.debugActive).isTrue();
        target.removeAllBreakpoints();
        assertThat(cpu.debugActive).isFalse();
    }

    @Test
    void readWatchpointIgnoresWritesAndStopsAfterARead() throws InterruptedException {
        // 0x8010 is only ever written: a read watch there must not fire; 0x8000 is read at 0x1000.
        target.insertBreakpoint(BreakpointKind.READ_WATCH, 0x8010, 4);
        target.insertBreakpoint(BreakpointKind.READ_WATCH, 0x8000, 4);
        StopEvent e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.READ_WATCH);
        assertThat(e.address()).isEqualTo(0x8000);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1005);
    }

    @Test
    void eightByteAccessWatchIsSplitAndFiresOnEitherHalf() throws InterruptedException {
        assertThat(target.insertBreakpoint(BreakpointKind.ACCESS_WATCH, 0x800C, 8)).isTrue();
        StopEvent e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.ACCESS_WATCH);
        assertThat(e.address()).isEqualTo(0x800C);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1010); // after mov [8010],eax
    }

    @Test
    void debugRegisterSlotsRunOut() {
        for (int i = 0; i < 4; i++) {
            assertThat(target.insertBreakpoint(BreakpointKind.HARDWARE, 0x2000 + i, 1)).isTrue();
        }
        assertThat(target.insertBreakpoint(BreakpointKind.HARDWARE, 0x3000, 1)).isFalse();
        assertThat(target.removeBreakpoint(BreakpointKind.HARDWARE, 0x2001, 1)).isTrue();
        // 0x8001..0x8010 needs 1+2+4+4+4+1 aligned pieces: more than four slots.
        assertThat(target.insertBreakpoint(BreakpointKind.WRITE_WATCH, 0x8001, 16)).isFalse();
        assertThat(target.insertBreakpoint(BreakpointKind.WRITE_WATCH, 0x8000, 4)).isTrue();
    }

    @Test
    void hardwareBreakpointReportsItsKind() throws InterruptedException {
        target.insertBreakpoint(BreakpointKind.HARDWARE, 0x100B, 1);
        StopEvent e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.HW_BREAKPOINT);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x100B);
    }

    @Test
    void interruptStopsARunningGuest() throws InterruptedException {
        assertThat(target.resume(false)).isTrue();
        Thread.sleep(50);
        assertThat(target.isRunning()).isTrue();
        assertThat(target.readRegister(0, new byte[4], 0)).as("no register access while running").isEqualTo(-1);
        target.interrupt();
        StopEvent e = stops.poll(5, TimeUnit.SECONDS);
        assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
        assertThat(cpu.instructions).isGreaterThan(0);
        target.interrupt(); // ignored while stopped: no second stop
        assertThat(stops.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void attachStopsSilentlyAndDetachRunsOnWithoutBreakpoints() throws InterruptedException {
        target.insertBreakpoint(BreakpointKind.SOFTWARE, 0x1006, 1);
        target.detach();
        Thread.sleep(50);
        assertThat(target.isRunning()).as("the breakpoint went away with the detach").isTrue();
        assertThat(target.attach()).isTrue();
        assertThat(target.isRunning()).isFalse();
        assertThat(target.lastStop().reason()).isEqualTo(Reason.STOPPED);
        assertThat(stops).isEmpty();
    }

    @Test
    void stepWhileHaltedWithInterruptsOffCompletesAtOnce() throws InterruptedException {
        cpu.eip = 0x1100;
        cpu.mem.write8(0x1100, 0xF4); // hlt
        cpu.setFlag(Cpu.IF, false);
        resumeAndWait(true);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1101);
        assertThat(cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(resumeAndWait(true).reason()).isEqualTo(Reason.STEPPED);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1101);
        assertThat(cpu.state).isEqualTo(Cpu.State.HALTED);
    }

    @Test
    void continueIntoHaltForeverWaitsForAnInterrupt() throws InterruptedException {
        cpu.eip = 0x1100;
        cpu.mem.write8(0x1100, 0xFA); // cli
        cpu.mem.write8(0x1101, 0xF4); // hlt
        assertThat(target.resume(false)).isTrue();
        assertThat(stops.poll(200, TimeUnit.MILLISECONDS)).isNull();
        target.interrupt();
        assertThat(stops.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(Reason.INTERRUPTED);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1102);
    }

    @Test
    void guestExitEndsTheRunWithItsStatus() throws InterruptedException {
        rig.machine.io.register(0xF4, 1, new IoPortHandler() {
            @Override
            public int read(int port, int size) {
                return 0xFF;
            }

            @Override
            public void write(int port, int size, int value) {
                rig.machine.requestExit(value);
            }
        }, "exit");
        cpu.eip = 0x1100;
        int[] code = {0xB0, 0x07, 0xE6, 0xF4, 0xEB, 0xFE}; // mov al,7; out f4,al; jmp $
        for (int i = 0; i < code.length; i++) {
            cpu.mem.write8(0x1100 + i, code[i]);
        }
        StopEvent e = resumeAndWait(false);
        assertThat(e.reason()).isEqualTo(Reason.EXITED);
        assertThat(e.code()).isEqualTo(7);
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo(Machine.StopReason.EXIT_REQUESTED);
        assertThat(target.attach()).isFalse();
    }

    @Test
    void killEndsTheRunWithoutAStopEvent() throws InterruptedException {
        target.resume(false);
        target.kill();
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo(Machine.StopReason.INTERRUPTED);
        assertThat(target.hasEnded()).isTrue();
        assertThat(stops).isEmpty();
    }

    @Test
    void registersAreInGdbOrder() {
        for (int i = 0; i < 8; i++) {
            cpu.reg[i] = 0x11111111 * (i + 1);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(reg(i)).isEqualTo(0x11111111 * (i + 1));
        }
        assertThat(reg(10)).isEqualTo(0x08); // cs
        assertThat(reg(11)).isEqualTo(0x10); // ss
        byte[] st0 = new byte[10];
        assertThat(target.readRegister(16, st0, 0)).isEqualTo(10);
        assertThat(target.readRegister(32, st0, 0)).isEqualTo(-1);
    }

    @Test
    void registerWritesLandInTheCpu() {
        byte[] v = {0x78, 0x56, 0x34, 0x12};
        assertThat(target.writeRegister(6, v, 0)).isTrue();
        assertThat(cpu.reg[Cpu.ESI]).isEqualTo(0x12345678);
        assertThat(target.writeRegister(DebugTarget.REG_EIP, v, 0)).isTrue();
        assertThat(cpu.eip).isEqualTo(0x12345678);
        assertThat(target.writeRegister(16, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0))
                .as("no FPU to hold st0").isFalse();
        assertThat(target.writeRegister(16, new byte[10], 0)).isTrue();
    }

    @Test
    void segmentWriteInRealModeSetsTheBase() throws InterruptedException {
        CpuRig real = CpuRig.real();
        MachineDebugTarget t = new MachineDebugTarget(real.machine, true);
        assertThat(t.writeRegister(13, new byte[] {0x34, 0x12, 0, 0}, 0)).isTrue(); // es
        assertThat(real.cpu.seg[Cpu.ES].base).isEqualTo(0x12340);
    }

    @Test
    void memoryReadsStopAtAnUnmappedPage() {
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        pages.unmap(0x5000);
        cpu.mem.write32(0x4FFC, 0xCAFEBABE);
        byte[] b = new byte[16];
        assertThat(target.readMemory(0x4FFC, b, 0, 16)).isEqualTo(4);
        assertThat(RegisterFile.getLe32(b, 0)).isEqualTo(0xCAFEBABE);
        assertThat(target.readMemory(0x5000, b, 0, 4)).isZero();
        assertThat(target.readMemory(0x1_0000_0000L, b, 0, 4)).isZero();
        int pte = pages.pte(0x4000);
        assertThat(pte & PageTableBuilder.A).as("no accessed bit from a debugger read").isZero();
    }

    @Test
    void memoryWritesInvalidateDecodedCode() throws InterruptedException {
        resumeAndWait(true); // decodes 0x1000
        cpu.eip = 0x1000;
        byte[] nop = {(byte) 0x90};
        assertThat(target.writeMemory(0x1000, nop, 0, 1)).isEqualTo(1);
        resumeAndWait(true);
        assertThat(reg(DebugTarget.REG_EIP)).isEqualTo(0x1001);
    }

    @Test
    void memoryOutsideRamIsNotReadable() {
        byte[] b = new byte[4];
        assertThat(target.readMemory(0x0FFF_FFFC, b, 0, 4)).isZero();
        assertThat(target.writeMemory(0x0FFF_FFFC, b, 0, 4)).isZero();
    }

    @Test
    void memoryMapCoalescesPages() {
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        pages.unmap(0x5000);
        String map = target.memoryMap();
        assertThat(map).contains("00000000-00004fff -> 00000000-00004fff user rw");
        assertThat(map).contains("00006000-003fffff -> 00006000-003fffff user rw");
    }
}
