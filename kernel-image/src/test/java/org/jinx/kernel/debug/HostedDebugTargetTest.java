package org.jinx.kernel.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.debug.BreakpointKind;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hosted kernel as a debugger sees it: processes as threads, registers from the CPU or from
 * saved contexts, memory through each process's page tables, breakpoints per address space, and
 * steps that stay in their process. Guests: the packaged ping and pong (both start at the ELF
 * entry 0x08048000 with {@code xor %ebp,%ebp}, two bytes).
 */
@Timeout(60)
class HostedDebugTargetTest {
    private static final int ENTRY = 0x08048000;

    private static Proc proc(HostedSystemUnderDebugger h, int tid) {
        return ThreadIds.lookup(h.sys.kernel.procs(), tid);
    }

    @Test
    void theModulesAreThreadsWithTheirNamesAndTheFirstIsOnTheCpu() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping", "pong")) {
            assertThat(h.target.threadIds()).containsExactly(1, 2);
            assertThat(h.target.stoppedThread()).isEqualTo(1);
            assertThat(h.target.threadDescription(1)).isEqualTo("ping, endpoint 0, running");
            assertThat(h.target.threadDescription(2)).isEqualTo("pong, endpoint 1, ready");
            assertThat(h.target.isThreadAlive(3)).isFalse();
            assertThat(h.target.selectThread(3)).isFalse();
            assertThat(h.target.threadDescription(3)).isNull();
        }
    }

    @Test
    void registersOfAProcessOffTheCpuAreItsSavedContextBothWays() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping", "pong")) {
            h.target.resume(false, 0);
            h.target.interrupt();
            assertThat(h.nextStop().reason()).isEqualTo(StopEvent.Reason.INTERRUPTED);
            int running = h.target.stoppedThread();
            int other = running == 1 ? 2 : 1;
            Proc off = proc(h, other);

            assertThat(h.target.selectThread(other)).isTrue();
            assertThat(h.eip()).isEqualTo(off.context.eip);
            byte[] v = {0x78, 0x56, 0x34, 0x12};
            assertThat(h.target.writeRegister(0, v, 0)).isTrue();
            assertThat(off.context.eax).isEqualTo(0x12345678);
            // The kernel loads flat ring-3 segments: a segment register keeps its value.
            assertThat(h.target.writeRegister(DebugTarget.REG_CS, new byte[] {0x08, 0, 0, 0}, 0)).isFalse();

            assertThat(h.target.selectThread(running)).isTrue();
            assertThat(h.eip()).isEqualTo(h.sys.machine.cpu.eip);
        }
    }

    @Test
    void memoryIsReadAndWrittenThroughTheSelectedProcessesOwnPageTables() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping", "pong")) {
            byte[] b = new byte[2];
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.readMemory(ENTRY, b, 0, 2)).isEqualTo(2);
            assertThat(b).containsExactly(0x31, 0xED); // xor %ebp,%ebp
            assertThat(h.target.writeMemory(ENTRY, new byte[] {(byte) 0x90}, 0, 1)).isEqualTo(1);

            assertThat(h.target.selectThread(1)).isTrue();
            assertThat(h.target.readMemory(ENTRY, b, 0, 1)).isEqualTo(1);
            assertThat(b[0]).as("ping's copy of the same address is its own").isEqualTo((byte) 0x31);
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.readMemory(ENTRY, b, 0, 1)).isEqualTo(1);
            assertThat(b[0]).isEqualTo((byte) 0x90);
            assertThat(h.target.readMemory(0x40000000L, b, 0, 2)).as("unmapped").isZero();
        }
    }

    @Test
    void aBreakpointStopsOnlyInTheAddressSpaceOfTheThreadSelectedWhenItWasInserted() throws Exception {
        // Two pings share an address layout: both start at ENTRY. The breakpoint is thread 2's.
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping,2", "ping,2", "pong")) {
            assertThat(h.target.stoppedThread()).isEqualTo(1);
            assertThat(h.eip()).isEqualTo(ENTRY);
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.insertBreakpoint(BreakpointKind.SOFTWARE, ENTRY, 1)).isTrue();
            h.target.resume(false, 0);

            StopEvent e = h.nextStop();
            assertThat(e.reason()).isEqualTo(StopEvent.Reason.BREAKPOINT);
            assertThat(h.target.stoppedThread()).as("thread 1 ran past its own copy of ENTRY").isEqualTo(2);
            assertThat(h.eip()).isEqualTo(ENTRY);
            assertThat(proc(h, 1).context.eip).isNotEqualTo(ENTRY);
        }
    }

    @Test
    void aHardwareBreakpointStopsOnlyInTheAddressSpaceOfTheThreadSelectedWhenItWasInserted() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping,2", "ping,2", "pong")) {
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.insertBreakpoint(BreakpointKind.HARDWARE, ENTRY + 2, 1)).isTrue();
            h.target.resume(false, 0);

            StopEvent e = h.nextStop();
            assertThat(e.reason()).isEqualTo(StopEvent.Reason.HW_BREAKPOINT);
            assertThat(h.target.stoppedThread()).as("thread 1 ran past its own ENTRY + 2").isEqualTo(2);
            assertThat(h.eip()).isEqualTo(ENTRY + 2);
            assertThat(proc(h, 1).context.eip).isNotEqualTo(ENTRY).isNotEqualTo(ENTRY + 2);
        }
    }

    @Test
    void aWatchpointStopsOnlyOnAWriteInTheAddressSpaceOfItsThread() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping,2", "ping,2", "pong")) {
            // _start aligns ESP to 16, leaves 4 bytes and pushes ECX there: the same linear
            // address in both pings, which start with the same stack.
            int slot = (proc(h, 2).context.esp & ~0xF) - 8;
            assertThat(proc(h, 1).context.esp).isEqualTo(proc(h, 2).context.esp);
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.insertBreakpoint(BreakpointKind.WRITE_WATCH, slot & 0xFFFFFFFFL, 4)).isTrue();
            h.target.resume(false, 0);

            StopEvent e = h.nextStop();
            assertThat(e.reason()).isEqualTo(StopEvent.Reason.WATCH);
            assertThat(e.address()).isEqualTo(slot & 0xFFFFFFFFL);
            assertThat(h.target.stoppedThread()).as("thread 1's push to its own stack ran on").isEqualTo(2);
            assertThat(h.eip()).as("just after thread 2's push %ecx").isEqualTo(ENTRY + 0x14);
            assertThat(proc(h, 1).context.eip).isNotEqualTo(ENTRY);
        }
    }

    @Test
    void aBreakpointPutBackAfterAStopInAnotherThreadKeepsItsAddressSpace() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping,2", "ping,2", "pong")) {
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.insertBreakpoint(BreakpointKind.SOFTWARE, ENTRY, 1)).isTrue();
            // gdb's cycle: the stop (here a step of thread 1), z0, then Z0 with another thread selected.
            h.target.resume(true, 1);
            assertThat(h.nextStop().reason()).isEqualTo(StopEvent.Reason.STEPPED);
            assertThat(h.target.removeBreakpoint(BreakpointKind.SOFTWARE, ENTRY, 1)).isTrue();
            assertThat(h.target.selectThread(1)).isTrue();
            assertThat(h.target.insertBreakpoint(BreakpointKind.SOFTWARE, ENTRY, 1)).isTrue();
            h.target.resume(false, 0);
            h.nextStop();
            assertThat(h.target.stoppedThread()).isEqualTo(2);
            assertThat(h.eip()).isEqualTo(ENTRY);
        }
    }

    @Test
    void aNewBreakpointIsThePickedThreadsEvenAfterGdbStepsAnotherThreadOverItsBreakpoint() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping,2", "ping,2", "pong")) {
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.insertBreakpoint(BreakpointKind.SOFTWARE, ENTRY + 2, 1)).isTrue();
            h.target.resume(false, 0);
            h.nextStop();
            assertThat(h.target.stoppedThread()).isEqualTo(2);
            assertThat(h.target.removeBreakpoint(BreakpointKind.SOFTWARE, ENTRY + 2, 1)).isTrue();
            // The user picks thread 1 and continues: gdb first steps thread 2 off its breakpoint
            // (the stop of that step selects thread 2 again), then inserts the breakpoints.
            assertThat(h.target.selectThread(1)).isTrue();
            assertThat(h.target.resume(true, 2)).isTrue();
            assertThat(h.nextStop().reason()).isEqualTo(StopEvent.Reason.STEPPED);
            assertThat(h.target.stoppedThread()).isEqualTo(2);
            assertThat(h.eip()).isEqualTo(ENTRY + 5); // past mov (%esp),%eax
            // lea 0x8(%esp,%eax,4),%ecx at ENTRY + 9 is thread 2's next instruction; the new
            // breakpoint is thread 1's, which is past that address for good.
            assertThat(h.target.insertBreakpoint(BreakpointKind.SOFTWARE, ENTRY + 9, 1)).isTrue();
            h.target.resume(false, 0);
            Thread.sleep(100);
            h.target.interrupt();
            assertThat(h.nextStop().reason()).isIn(StopEvent.Reason.INTERRUPTED, StopEvent.Reason.EXITED);
        }
    }

    @Test
    void aStepOfAThreadOffTheCpuRunsUntilItHasExecutedOneInstruction() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping", "pong")) {
            assertThat(h.target.stoppedThread()).isEqualTo(1);
            assertThat(h.target.resume(true, 2)).isTrue();
            assertThat(h.nextStop().reason()).isEqualTo(StopEvent.Reason.STEPPED);
            assertThat(h.target.stoppedThread()).isEqualTo(2);
            assertThat(h.eip()).isEqualTo(ENTRY + 2);
        }
    }

    @Test
    void stepsStayInTheirProcessWhileOthersRunInBetween() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping", "pong")) {
            Proc pong = proc(h, 2);
            for (int i = 0; i < 3000 && pong.context.eip == ENTRY; i++) {
                assertThat(h.target.resume(true, 0)).isTrue();
                assertThat(h.nextStop().reason()).isEqualTo(StopEvent.Reason.STEPPED);
                assertThat(h.target.stoppedThread()).as("step %d", i).isEqualTo(1);
            }
            // ping's SENDREC blocked it and pong ran in between, yet every step ended in ping.
            assertThat(pong.context.eip).isNotEqualTo(ENTRY);
        }
    }

    @Test
    void psIpcAndTheMemoryMapDescribeTheStoppedSystem() throws Exception {
        try (HostedSystemUnderDebugger h = new HostedSystemUnderDebugger("ping", "pong")) {
            assertThat(h.target.processList()).contains("ping").contains("pong").containsPattern("(?m)^\\* 1 ");
            assertThat(h.target.ipcState()).contains("Blocked sending (SENDING):");
            assertThat(h.target.addressNote()).contains("endpoint + 1");
            assertThat(h.target.selectThread(2)).isTrue();
            assertThat(h.target.memoryMap()).as("pong is not on the CPU; its own tables are listed")
                    .startsWith("pong (thread 2):\nCR3=" + String.format("%08x", proc(h, 2).context.cr3))
                    .contains(" 08048000-");
        }
    }
}
