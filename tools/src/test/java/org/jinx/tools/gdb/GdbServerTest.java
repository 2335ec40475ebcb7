package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.debug.MachineDebugTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stub's server over real loopback sockets, with a guest thread running a counting loop
 * at 0x1000 ({@code inc dword [0x8000]; jmp 0x1000}): one client at a time, what a disconnect
 * does, Ctrl-C across threads, and the end of the run.
 */
@Timeout(60)
class GdbServerTest {
    private static final int COUNTER = 0x8000;

    private final Machine machine = new Machine(1 << 20, 33_000_000L);
    private final MachineDebugTarget target;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final GdbServer server;
    private final Thread guest;
    private final int port;

    GdbServerTest() throws java.io.IOException {
        Cpu cpu = machine.cpu;
        cpu.cr0 |= Cpu.CR0_PE;
        cpu.seg[Cpu.CS].set(0x08, 0, 0xFFFFFFFF, 0x9B, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            cpu.seg[s].set(0x10, 0, 0xFFFFFFFF, 0x93, true);
        }
        int[] code = {0xFF, 0x05, 0x00, 0x80, 0x00, 0x00, 0xEB, 0xF8};
        for (int i = 0; i < code.length; i++) {
            machine.mem.write8(0x1000 + i, code[i]);
        }
        cpu.eip = 0x1000;
        target = new MachineDebugTarget(machine, false);
        server = new GdbServer(target, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        port = server.start("127.0.0.1", 0).getPort();
        guest = new Thread(() -> target.runGuest(0), "guest");
        guest.setDaemon(true);
        guest.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        target.kill();
        guest.join(5000);
        server.close();
    }

    private String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private int counter() {
        return machine.mem.read32(COUNTER);
    }

    private static void await(java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void connectingStopsTheGuest() throws Exception {
        try (RawRspClient a = new RawRspClient(port)) {
            assertThat(a.ask("?")).startsWith("T05thread:01;");
            assertThat(target.isRunning()).isFalse();
            int c = counter();
            Thread.sleep(50);
            assertThat(counter()).isEqualTo(c);
        }
    }

    @Test
    void aSecondClientIsRefusedAndTheFirstKeepsItsSession() throws Exception {
        try (RawRspClient a = new RawRspClient(port)) {
            assertThat(a.ask("?")).startsWith("T05");
            try (RawRspClient b = new RawRspClient(port)) {
                b.send("qSupported");
                assertThat(b.closedByPeer()).isTrue();
            }
            assertThat(a.ask("qAttached")).isEqualTo("1");
            assertThat(log()).contains("refused a connection").contains("already attached");
        }
    }

    @Test
    void aDisconnectWithoutDetachLetsTheGuestRunOnWithoutBreakpoints() throws Exception {
        try (RawRspClient a = new RawRspClient(port)) {
            a.ask("?");
            assertThat(a.ask("Z0,1000,1")).isEqualTo("OK");
        }
        await(target::isRunning, "the guest runs again");
        int c = counter();
        await(() -> counter() != c, "the counter moves");
        assertThat(target.isRunning()).as("the breakpoint went with the session").isTrue();
    }

    @Test
    void manyReconnectsLeaveNoThreadsBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (RawRspClient a = new RawRspClient(port)) {
                a.ask("?");
                a.ask("D");
            }
        }
        int threads = Thread.activeCount();
        for (int i = 0; i < 20; i++) {
            try (RawRspClient a = new RawRspClient(port)) {
                assertThat(a.ask("?")).startsWith("T05");
                assertThat(a.ask("D")).isEqualTo("OK");
            }
        }
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads + 2);
        await(target::isRunning, "the guest runs after the last detach");
    }

    @Test
    void ctrlCStopsARunningGuestAndALateOneIsIgnored() throws Exception {
        try (RawRspClient a = new RawRspClient(port)) {
            a.ask("?");
            a.send("vCont;c");
            Thread.sleep(100);
            a.sendRaw(new byte[] {0x03});
            assertThat(a.reply()).startsWith("T02thread:01;");
            a.sendRaw(new byte[] {'+', 0x03});
            assertThat(a.ask("qAttached")).as("no second stop reply").isEqualTo("1");
            assertThat(counter()).isGreaterThan(0);
        }
    }

    @Test
    void aBreakpointStopsTheContinueWithSwbreak() throws Exception {
        try (RawRspClient a = new RawRspClient(port)) {
            a.ask("qSupported:swbreak+;hwbreak+");
            a.ask("?");
            assertThat(a.ask("Z0,1006,1")).isEqualTo("OK");
            assertThat(a.ask("c")).startsWith("T05thread:01;").contains("08:06100000;").endsWith("swbreak:;");
            assertThat(a.ask("z0,1006,1")).isEqualTo("OK");
            assertThat(a.ask("Z2," + Integer.toHexString(COUNTER) + ",4")).isEqualTo("OK");
            assertThat(a.ask("c")).endsWith("watch:8000;").contains("08:06100000;");
        }
    }

    @Test
    void killEndsTheRun() throws Exception {
        try (RawRspClient a = new RawRspClient(port)) {
            a.ask("?");
            a.send("k");
            guest.join(5000);
            assertThat(guest.isAlive()).isFalse();
            assertThat(target.endReason()).isEqualTo(Machine.StopReason.INTERRUPTED);
        }
    }

    @Test
    void afterTheRunEndsNewClientsAreClosed() throws Exception {
        target.kill();
        guest.join(5000);
        try (RawRspClient a = new RawRspClient(port)) {
            assertThat(a.closedByPeer()).isTrue();
        }
    }
}
