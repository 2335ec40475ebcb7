package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stock gdb in batch mode against {@code jinx boot --module ... --gdb}: guest processes as
 * threads. The guests are the packaged ping (client) and pong (server), held at their first
 * instruction until gdb continues. Both are linked at the same addresses, so one linear address
 * is code in each of them. Symbol addresses come from {@code nm}. Skipped where gdb or nm is not
 * installed.
 */
@Timeout(120)
class HostedGdbSessionTest {
    private static Path ping;
    private static Path pong;
    private static Map<String, Long> pingSymbols;
    private static Map<String, Long> pongSymbols;
    private JinxUnderGdb jinx;

    @BeforeAll
    static void copyGuests() throws Exception {
        assumeTrue(TestKernel.Tools.available("gdb"), "gdb is not installed");
        assumeTrue(TestKernel.Tools.available("nm"), "nm is not installed");
        Path dir = Files.createTempDirectory("jinx-hosted-gdb");
        ping = copy(dir, "ping");
        pong = copy(dir, "pong");
        pingSymbols = symbols(dir, ping);
        pongSymbols = symbols(dir, pong);
    }

    private static Path copy(Path dir, String name) throws IOException {
        try (InputStream in = HostedGdbSessionTest.class.getResourceAsStream("/org/jinx/kernel/guest/bin/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalStateException("the packaged guest " + name + " was not built");
            }
            Path p = dir.resolve(name + ".elf");
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private static Map<String, Long> symbols(Path dir, Path elf) throws Exception {
        Map<String, Long> m = new HashMap<>();
        for (String line : TestKernel.Tools.run(dir, "nm", elf.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                m.put(f[2], Long.parseLong(f[0], 16));
            }
        }
        return m;
    }

    @AfterEach
    void stopJinx() throws Exception {
        if (jinx != null) {
            jinx.close();
        }
    }

    private static List<String> ex(String... commands) {
        return java.util.Arrays.stream(commands).flatMap(c -> java.util.stream.Stream.of("-ex", c)).toList();
    }

    /** gdb's output, followed by jinx's stderr so a failing assertion shows both. */
    private String gdb(String... commands) throws Exception {
        return jinx.gdbWith(List.of(), ex(commands)) + "\n--- jinx stderr ---\n" + jinx.stderr();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A code address as gdb prints it in a frame line: zero-padded to eight digits. */
    private static String frameHex(long v) {
        return String.format("0x%08x", v);
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    @Test
    void infoThreadsListsEveryProcessWithItsNameAndEndpoint() throws Exception {
        jinx = JinxUnderGdb.boot(pong, "ping", "pong");
        String out = gdb("info threads", "p $_thread");
        assertThat(out).containsPattern("\\* 1 +Thread 1 \\(ping, endpoint 0, running\\) +0x0*8048000 in _start")
                .containsPattern("\\s2 +Thread 2 \\(pong, endpoint 1, ready\\) +0x0*8048000 in _start")
                .containsPattern("\\$1 = 1\\b");
    }

    @Test
    void switchingThreadsShowsThatProcessesSavedRegisters() throws Exception {
        // Stop ping at its second SENDREC: pong has run by then and sits blocked in its RECEIVE,
        // so its registers are the ones the kernel saved when it trapped.
        jinx = JinxUnderGdb.boot(pong, "ping", "pong");
        long sendrec = pingSymbols.get("_sendrec");
        long receive = pongSymbols.get("_receive");
        long notify = pongSymbols.get("_notify");
        String out = gdb("break *" + hex(sendrec), "continue", "continue", "p/x $pc", "thread 2", "info registers eip",
                "x/i $pc - 2", "monitor ps");
        assertThat(out).contains("Thread 1 hit Breakpoint 1").containsPattern("\\$1 = " + hex(sendrec))
                .contains("Switching to thread 2");
        Matcher eip = Pattern.compile("(?m)^eip\\s+(0x[0-9a-f]+)\\s+0x[0-9a-f]+ <_receive\\+\\d+>").matcher(out);
        assertThat(eip.find()).as(out).isTrue();
        long saved = Long.parseLong(eip.group(1).substring(2), 16);
        assertThat(saved).isGreaterThan(receive).isLessThan(notify);
        // The kernel saved pong's EIP after the INT 0x21 that trapped into it.
        assertThat(out).containsPattern("int +\\$0x21");
        assertThat(out).containsPattern("(?m)^  2 +1 +1 pong .*receiving from ANY +0*" + Long.toHexString(saved) + "$");
    }

    @Test
    void aBreakAtAServerFunctionStopsInTheServer() throws Exception {
        jinx = JinxUnderGdb.boot(pong, "ping", "pong");
        String out = gdb("thread 2", "break _receive", "continue", "info threads", "bt", "p $_thread");
        assertThat(out).containsPattern("Thread 2 hit Breakpoint 1, " + frameHex(pongSymbols.get("_receive")) + " in _receive")
                .containsPattern("\\* 2 +Thread 2 \\(pong, endpoint 1, running\\) +" + frameHex(pongSymbols.get("_receive")))
                .containsPattern("#1 .* in main")
                .containsPattern("\\$1 = 2\\b");
    }

    @Test
    void aBreakpointSetInOneProcessDoesNotStopAnotherRunningTheSameAddress() throws Exception {
        // Two pings (threads 1 and 2) run the same code at the same addresses against one pong.
        jinx = JinxUnderGdb.boot(ping, "ping,2", "ping,2", "pong");
        String out = gdb("thread 2", "break _sendrec", "continue", "p $_thread", "continue", "p $_thread",
                "continue", "p $_thread",
                // A new breakpoint for thread 1, just after thread 2's: gdb steps thread 2 off its
                // breakpoint first, and the new one must still be thread 1's.
                "thread 1", "break *(_sendrec + 5)", "continue", "p $_thread", "continue", "p $_thread");
        assertThat(count(out, "Thread 2 hit Breakpoint 1, ")).as(out).isGreaterThanOrEqualTo(3);
        assertThat(count(out, "Thread 1 hit Breakpoint 2, ")).as(out).isGreaterThanOrEqualTo(1);
        assertThat(out).doesNotContain("Thread 1 hit Breakpoint 1").doesNotContain("Thread 2 hit Breakpoint 2")
                .containsPattern("\\$1 = 2\\b").containsPattern("\\$2 = 2\\b").containsPattern("\\$3 = 2\\b");
    }

    @Test
    void anHbreakSetInOneProcessDoesNotStopAnotherRunningTheSameAddress() throws Exception {
        // As above with a debug-register breakpoint: the bank compares linear addresses in any
        // process, and a hit in thread 1's space runs on.
        jinx = JinxUnderGdb.boot(ping, "ping,2", "ping,2", "pong");
        String out = gdb("thread 2", "hbreak _sendrec", "continue", "p $_thread", "continue", "p $_thread");
        assertThat(out).contains("Hardware assisted breakpoint 1 at");
        assertThat(count(out, "Thread 2 hit Breakpoint 1, ")).as(out).isEqualTo(2);
        assertThat(out).doesNotContain("Thread 1 hit").containsPattern("\\$1 = 2\\b")
                .containsPattern("\\$2 = 2\\b");
    }

    @Test
    void withoutPickingAThreadTheBreakpointIsTheStoppedProcesses() throws Exception {
        // The control for the test above: thread 1 does run _sendrec, and stops there when the
        // breakpoint is its own (thread 1 is the stopped thread at the start).
        jinx = JinxUnderGdb.boot(ping, "ping,2", "ping,2", "pong");
        String out = gdb("break _sendrec", "continue", "p $_thread", "continue", "p $_thread");
        assertThat(count(out, "Thread 1 hit Breakpoint 1, ")).as(out).isEqualTo(2);
        assertThat(out).doesNotContain("Thread 2 hit").containsPattern("\\$1 = 1\\b").containsPattern("\\$2 = 1\\b");
    }

    @Test
    void stepiOverAnIpcTrapStaysInTheProcess() throws Exception {
        // pong's RECEIVE blocks it until ping sends; the step ends when pong runs again.
        jinx = JinxUnderGdb.boot(pong, "ping", "pong");
        long receive = pongSymbols.get("_receive");
        String out = gdb("thread 2", "break _receive", "continue", "delete", "stepi 5", "p $_thread", "x/i $pc - 2",
                "p $pc > " + hex(receive) + " && $pc < " + hex(pongSymbols.get("_notify")));
        assertThat(out).contains("Thread 2 hit Breakpoint 1").doesNotContain("Switching to Thread 1")
                .containsPattern("\\$1 = 2\\b").containsPattern("int +\\$0x21").containsPattern("\\$2 = 1\\b");
    }

    @Test
    void monitorPsIpcAndHelpInHostedMode() throws Exception {
        jinx = JinxUnderGdb.boot(pong, "ping", "pong");
        String out = gdb("break *" + hex(pingSymbols.get("_sendrec")), "continue", "continue", "monitor ps",
                "monitor ipc", "monitor help");
        assertThat(out).containsPattern("(?m)^\\* 1 +0 +0 ping ")
                .containsPattern("(?m)^  2 +1 +1 pong .*RECEIVING .*receiving from ANY")
                .contains("Blocked receiving (RECEIVING):\n  pong(1) <- ANY")
                .contains("Hosted mode: each guest process is a thread (id = endpoint + 1)")
                .doesNotContain("needs hosted mode");
    }
}
