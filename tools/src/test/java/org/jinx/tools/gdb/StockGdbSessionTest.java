package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stock gdb in batch mode against a real {@code jinx pc --gdb} with the test kernel: the
 * sessions of gdb-rsp.md section 11.3 that apply to PC mode. Each test starts a fresh guest,
 * held at its entry point ({@code --wait-gdb}) unless it says otherwise. Skipped where gdb or
 * binutils is not installed.
 */
@Timeout(120)
class StockGdbSessionTest {
    private static TestKernel kernel;
    private JinxUnderGdb jinx;

    @BeforeAll
    static void buildKernel() throws Exception {
        assumeTrue(TestKernel.Tools.available("gdb"), "gdb is not installed");
        kernel = TestKernel.get();
        assumeTrue(kernel != null, "binutils (as, ld, nm) is not installed");
    }

    @AfterEach
    void stopJinx() throws Exception {
        if (jinx != null) {
            jinx.close();
        }
    }

    private JinxUnderGdb start() throws Exception {
        jinx = JinxUnderGdb.start(kernel, true);
        return jinx;
    }

    private static List<String> ex(String... commands) {
        return java.util.Arrays.stream(commands).flatMap(c -> java.util.stream.Stream.of("-ex", c)).toList();
    }

    /** gdb's output, followed by jinx's stderr so a failing assertion shows both. */
    private String gdb(String... commands) throws Exception {
        return jinx.gdbWith(List.of(), ex(commands)) + "\n--- jinx stderr ---\n" + jinx.stderr();
    }

    private String pc(String symbol) {
        return "= " + kernel.hex(symbol);
    }

    @Test
    void connectShowsTheEntryPointAndAllRegisters() throws Exception {
        start();
        String out = gdb("info registers", "p $st0", "p/x $fctrl", "p/x $pc");
        assertThat(out).containsPattern("(?m)^eax\\s+0x")
                .containsPattern("(?m)^eip\\s+" + kernel.hex("_start") + "\\s")
                .containsPattern("(?m)^eflags\\s+0x[0-9a-f]+\\s+\\[")
                .containsPattern("(?m)^cs\\s+0x").containsPattern("(?m)^gs\\s+0x")
                .contains(pc("_start"))
                .doesNotContain("Could not fetch register")
                .doesNotContain("rejected");
    }

    @Test
    void registerLayoutMatchesTheTargetDescription() throws Exception {
        start();
        String out = gdb("maint print remote-registers");
        assertThat(out).containsPattern("(?m)^ eip\\s+8\\s+8\\s+32\\s+4\\s.*\\s8\\s+32$")
                .containsPattern("(?m)^ st0\\s+16\\s+16\\s+64\\s+10\\s")
                .containsPattern("(?m)^ fop\\s+31\\s+31\\s+172\\s+4\\s");
    }

    @Test
    void memoryReadAndWrite() throws Exception {
        start();
        String out = gdb("x/8xb 0x100000", "set var *(int*)&counter = 0x11223344", "x/xw &counter",
                "set {char[4]}&page_table = \"abc\"", "x/s &page_table");
        assertThat(out).containsPattern("0x02\\s+0xb0\\s+0xad\\s+0x1b\\s+0x03\\s+0x00\\s+0x00\\s+0x00")
                .containsPattern(":\\s+0x11223344")
                .contains("\"abc\"");
    }

    @Test
    void breakpointAndContinue() throws Exception {
        start();
        String out = gdb("break bump", "continue", "p/x $pc", "bt");
        assertThat(out).contains("Breakpoint 1, bump").contains(pc("bump")).containsPattern("#1 .* in kmain");
    }

    @Test
    void continueFromABreakpointRunsExactlyOneMoreCall() throws Exception {
        start();
        String out = gdb("break bump", "continue", "set $c0 = *(int*)&counter", "continue",
                "p *(int*)&counter - $c0");
        assertThat(out).containsPattern("\\$1 = 1\\b");
    }

    @Test
    void adjacentBreakpointsReportTheOneHit() throws Exception {
        // Without swbreak:, gdb would take the stop at after_call for the breakpoint one byte
        // before it and move EIP back (gdb-rsp.md P1).
        start();
        String out = gdb("break *(after_call - 1)", "break *after_call", "continue", "p/x $pc", "continue", "p/x $pc");
        assertThat(out).contains("Breakpoint 2, ").doesNotContain("Breakpoint 1, ")
                .containsPattern("\\$1 " + pc("after_call")).containsPattern("\\$2 " + pc("after_call"));
    }

    @Test
    void stepiNextiAndFinish() throws Exception {
        start();
        long afterCall = kernel.addr("after_call");
        String out = gdb("break *call_bump", "continue", "stepi", "p/x $pc", "finish", "p/x $pc",
                // add $4,%esp and test $0xff,%bl are 3 bytes each
                "stepi 2", "p/x $pc", "delete", "break *call_bump", "continue", "nexti", "p/x $pc");
        assertThat(out).containsPattern("\\$1 " + pc("bump"))
                .containsPattern("\\$2 " + pc("after_call"))
                .containsPattern("\\$3 = 0x" + Long.toHexString(afterCall + 6))
                .containsPattern("\\$4 " + pc("after_call"));
    }

    @Test
    void registerWritesAndAnEipWrite() throws Exception {
        start();
        String out = gdb("break kmain", "continue", "set $eax = 0x12345678", "set $esi = 0xdeadbeef",
                "p/x $eax", "p/x $esi", "set $eip = bump", "p/x $pc", "stepi", "p/x $pc");
        assertThat(out).contains("$1 = 0x12345678").contains("$2 = 0xdeadbeef")
                .containsPattern("\\$3 " + pc("bump"))
                .contains("$4 = 0x" + Long.toHexString(kernel.addr("bump") + 1)); // push %ebp is one byte
    }

    @Test
    void hardwareBreakpoint() throws Exception {
        start();
        String out = gdb("hbreak *call_bump", "continue", "p/x $pc", "info breakpoints");
        assertThat(out).contains("Hardware assisted breakpoint 1").containsPattern("\\$1 " + pc("call_bump"))
                .contains("hw breakpoint");
    }

    @Test
    void writeWatchpointShowsOldAndNewValuesAfterTheStore() throws Exception {
        start();
        String out = gdb("watch *(int*)&watched", "continue", "p/x $pc", "continue", "p/x $pc");
        assertThat(out).contains("Hardware watchpoint 1: *(int*)&watched")
                .contains("Old value = 0").contains("New value = 256")
                .contains("Old value = 256").contains("New value = 512")
                .containsPattern("\\$1 " + pc("after_store"));
    }

    @Test
    void readAndAccessWatchpoints() throws Exception {
        start();
        String out = gdb("rwatch *(int*)&counter", "continue", "p/x $pc", "delete",
                "awatch *(int*)&counter", "continue", "continue", "p/x $pc");
        assertThat(out).contains("Hardware read watchpoint 1: *(int*)&counter")
                .contains("Value = 0")
                .containsPattern("\\$1 " + pc("after_read"))
                .contains("Hardware access (read/write) watchpoint 2: *(int*)&counter")
                .contains("Old value = 0").contains("New value = 1") // the write of the first call
                .contains("Value = 1") // then the read of the second
                .containsPattern("\\$2 " + pc("after_read"));
    }

    @Test
    void ctrlCFromSigint() throws Exception {
        start();
        Path py = jinx.script("int.py", String.join("\n",
                "import gdb, os, signal, threading",
                "threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()",
                "gdb.execute('continue')",
                "gdb.execute('p *(int*)&counter > 1000')", ""));
        String out = jinx.gdbWith(List.of(), List.of("-x", py.toString()));
        assertThat(out).contains("Program received signal SIGINT, Interrupt.").contains("$1 = 1");
    }

    @Test
    void ctrlCFromTheInterruptCommand() throws Exception {
        start();
        Path py = jinx.script("post.py", String.join("\n",
                "import gdb, threading",
                "threading.Timer(1.0, lambda: gdb.post_event(lambda: gdb.execute('interrupt'))).start()",
                "gdb.execute('continue')",
                "gdb.execute('p *(int*)&counter > 1000')", ""));
        String out = jinx.gdbWith(List.of(), List.of("-x", py.toString()));
        assertThat(out).contains("Program received signal SIGINT, Interrupt.").contains("$1 = 1");
    }

    @Test
    void detachLetsTheGuestRunOnAndAReattachIsClean() throws Exception {
        start();
        String first = gdb("break bump", "continue", "p *(unsigned*)&counter", "detach");
        assertThat(first).contains("Breakpoint 1, bump").contains("$1 = 0").contains("(Remote target) detached");
        Thread.sleep(300);
        String second = gdb("p *(unsigned*)&counter > 1000", "info breakpoints");
        assertThat(second).contains("$1 = 1").contains("No breakpoints or watchpoints");
    }

    @Test
    void killEndsTheEmulator() throws Exception {
        start();
        String out = gdb("kill");
        assertThat(out).contains("killed");
        assertThat(jinx.waitForExit(10_000)).isEqualTo(org.jinx.tools.cli.ExitStatus.KILLED);
        assertThat(jinx.stderr()).contains("jinx: killed by gdb").doesNotContain("timeout");
    }

    @Test
    void guestExitEndsTheSessionWithItsStatus() throws Exception {
        start();
        String out = gdb("set var *(int*)&mode = 2", "continue");
        assertThat(out).contains("exited with code 0103"); // 0x21 * 2 + 1 = 67 = octal 103
        assertThat(jinx.waitForExit(10_000)).isEqualTo(67);
    }

    @Test
    void tripleFaultStopsWithSigquitAndTheCpuStaysInspectable() throws Exception {
        // 0F 0B is #UD on a 386; with no IDT in place the fault cascades into a triple fault.
        start();
        String out = gdb("set {short}&page_table = 0x0b0f", "set $eip = &page_table", "continue", "p/x $pc",
                "monitor registers", "detach");
        assertThat(out).contains("jinx: triple fault:").contains("Program received signal SIGQUIT")
                .containsPattern("\\$1 " + pc("page_table")).contains("EIP=");
        // Detached, the guest stays shut down and jinx waits for a debugger rather than exiting.
        Thread.sleep(300);
        assertThat(jinx.isRunning()).isTrue();
        assertThat(jinx.stderr()).contains("waiting for gdb");
        assertThat(gdb("p/x $pc")).containsPattern("\\$1 " + pc("page_table"));
    }

    @Test
    void timeoutEndsADebuggedRunAndGdbIsTold() throws Exception {
        jinx = JinxUnderGdb.start(kernel, true, "--timeout", "1.5");
        String out = gdb("continue");
        assertThat(out).contains("Program terminated with signal SIGALRM");
        assertThat(jinx.waitForExit(10_000)).isEqualTo(org.jinx.tools.cli.ExitStatus.TIMEOUT);
    }

    @Test
    void instructionLimitEndsADebuggedRunAndGdbIsTold() throws Exception {
        jinx = JinxUnderGdb.start(kernel, true, "--max-instructions", "5000");
        String out = gdb("continue");
        assertThat(out).contains("Program terminated with signal SIGXCPU");
        assertThat(jinx.waitForExit(10_000)).isEqualTo(org.jinx.tools.cli.ExitStatus.INSTRUCTION_LIMIT);
        assertThat(jinx.stderr()).contains("--max-instructions");
    }

    @Test
    void monitorCommands() throws Exception {
        start();
        String out = gdb("monitor help", "monitor registers", "monitor memory map", "monitor ps", "monitor ipc",
                "monitor frobnicate");
        assertThat(out).contains("Jinx monitor commands")
                .containsPattern("EIP=0*" + Long.toHexString(kernel.addr("_start")).toUpperCase())
                .contains("paging is off")
                .contains("the process list needs hosted mode")
                .contains("IPC state needs hosted mode")
                .contains("unknown monitor command 'frobnicate'");
    }

    @Test
    void stepiWhileHaltedReturnsAtOnce() throws Exception {
        // gdb-rsp.md P18: a stepi on a CPU in HLT with IF=0 must not wait for a wake-up that
        // cannot come. A second SIGINT after 5 s is the safety net; it must not be needed.
        start();
        Path py = jinx.script("halt.py", String.join("\n",
                "import gdb, os, signal, threading",
                "gdb.execute('set var *(int*)&mode = 1')",
                "threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()",
                "gdb.execute('continue')",
                "gdb.execute('p/x $pc')",
                "net = threading.Timer(5.0, lambda: os.kill(os.getpid(), signal.SIGINT))",
                "net.start()",
                "gdb.execute('stepi')",
                "net.cancel()",
                "print('STEPI-RETURNED')",
                "gdb.execute('p/x $pc')", ""));
        String out = jinx.gdbWith(List.of(), List.of("-x", py.toString()));
        assertThat(out).contains("the CPU halted").contains("Program received signal SIGINT")
                .containsPattern("\\$1 " + pc("after_hlt"))
                .contains("STEPI-RETURNED")
                .containsPattern("\\$2 " + pc("after_hlt"));
        assertThat(out.indexOf("SIGINT")).isEqualTo(out.lastIndexOf("SIGINT"));
    }

    @Test
    void unmappedLinearAddressesCannotBeRead() throws Exception {
        start();
        String out = gdb("set var *(int*)&mode = 3", "break paged", "continue", "x/xw &marker",
                "x/xw 0xC0000000 + (int)&marker", "x/xw 0x40000000", "monitor memory map");
        assertThat(out).containsPattern(":\\s+0xfeedface[\\s\\S]*:\\s+0xfeedface")
                .contains("Cannot access memory at address 0x40000000")
                .contains("c0000000-c03fffff -> 00000000-003fffff");
    }

    @Test
    void protocolConformance() throws Exception {
        start();
        String out = gdb("maint packet vMustReplyEmpty", "maint packet qTStatus", "maint packet qXyzzyUnknown",
                "maint packet qAttached", "maint packet ?", "maint packet vCont?", "maint packet m100000,4",
                "maint packet qSupported");
        assertThat(out.split("received: \"\"\n", -1)).hasSize(4);
        assertThat(out).contains("received: \"1\"").contains("received: \"T05")
                .contains("received: \"vCont;c;C;s;S\"").contains("received: \"02b0ad1b\"")
                .contains("PacketSize=");
    }

    @Test
    void threadsShowOneCpu() throws Exception {
        start();
        String out = gdb("info threads", "thread 1", "thread apply all p/x $eip");
        assertThat(out).containsPattern("\\*\\s+1\\s+Thread 1").contains("Switching to thread 1")
                .contains(pc("_start"));
    }

    @Test
    void noAckModeIsNegotiatedAndThenNoAcksFlow() throws Exception {
        start();
        Path log = jinx.scratch().resolve("rsp.log");
        jinx.gdbWith(List.of("set remotelogfile " + log), ex("p/x $pc", "stepi", "p/x $pc"));
        List<String> lines = Files.readAllLines(log);
        int noAck = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("$QStartNoAckMode#")) {
                noAck = i;
            }
        }
        assertThat(noAck).as("QStartNoAckMode was sent").isGreaterThan(0);
        assertThat(lines.get(noAck + 1)).isEqualTo("r +$OK#9a");
        // The next line carries gdb's last ack (for that OK); nothing after it is acknowledged.
        assertThat(lines.get(noAck + 2)).startsWith("w +$");
        List<String> after = lines.subList(noAck + 3, lines.size());
        assertThat(after).hasSizeGreaterThan(5).noneMatch(l -> l.startsWith("w +") || l.startsWith("r +"));
        assertThat(after).anyMatch(l -> l.startsWith("w $vCont;s"));
    }
}
