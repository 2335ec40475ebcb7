package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jinx.debug.BreakpointKind;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;
import org.junit.jupiter.api.Test;

/**
 * Thread packets and the hosted monitor commands against a target with several threads (as a
 * hosted kernel's processes are), and the one-thread answers of PC mode.
 */
class ThreadPacketsTest {
    /** Threads 1, 5 and 0x8002; stopped in 5; records selections and resumes. */
    private static final class ThreeThreads implements DebugTarget {
        final DebugTarget base = DebugTarget.NULL;
        final List<Integer> selections = new ArrayList<>();
        final List<String> resumes = new ArrayList<>();

        @Override
        public int[] threadIds() {
            return new int[] {1, 5, 0x8002};
        }

        @Override
        public boolean isThreadAlive(int tid) {
            return tid == 1 || tid == 5 || tid == 0x8002;
        }

        @Override
        public String threadDescription(int tid) {
            return isThreadAlive(tid) ? "proc" + tid + ", endpoint " + (tid - 1) : null;
        }

        @Override
        public int stoppedThread() {
            return 5;
        }

        @Override
        public boolean selectThread(int tid) {
            if (tid != 0 && !isThreadAlive(tid)) {
                return false;
            }
            selections.add(tid);
            return true;
        }

        @Override
        public String processList() {
            return "the process table\n";
        }

        @Override
        public String ipcState() {
            return "who waits for whom\n";
        }

        @Override
        public String addressNote() {
            return "hosted note";
        }

        @Override
        public void setStopListener(StopListener l) {
            base.setStopListener(l);
        }

        @Override
        public boolean attach() {
            return true;
        }

        @Override
        public void detach() {
        }

        @Override
        public boolean resume(boolean step) {
            return resume(step, 0);
        }

        @Override
        public boolean resume(boolean step, int tid) {
            resumes.add((step ? "s" : "c") + tid);
            return base.resume(step);
        }

        @Override
        public void interrupt() {
        }

        @Override
        public void kill() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public StopEvent lastStop() {
            return base.lastStop();
        }

        @Override
        public int readRegister(int n, byte[] out, int off) {
            return base.readRegister(n, out, off);
        }

        @Override
        public boolean writeRegister(int n, byte[] in, int off) {
            return true;
        }

        @Override
        public int readMemory(long addr, byte[] out, int off, int len) {
            return 0;
        }

        @Override
        public int writeMemory(long addr, byte[] in, int off, int len) {
            return 0;
        }

        @Override
        public boolean insertBreakpoint(BreakpointKind kind, long addr, int length) {
            return true;
        }

        @Override
        public boolean removeBreakpoint(BreakpointKind kind, long addr, int length) {
            return true;
        }

        @Override
        public void removeAllBreakpoints() {
        }

        @Override
        public String registerDump() {
            return "";
        }

        @Override
        public String memoryMap() {
            return "";
        }
    }

    private final ThreeThreads target = new ThreeThreads();
    private final StubChannel stub = new StubChannel(target);

    private String monitor(StubChannel s, String cmd) {
        List<String> r = s.replies("qRcmd," + Hex.encode(cmd));
        StringBuilder text = new StringBuilder();
        for (String p : r.subList(0, r.size() - 1)) {
            text.append(new String(Hex.decode(p.substring(1)), StandardCharsets.ISO_8859_1));
        }
        assertThat(r.get(r.size() - 1)).isEqualTo("OK");
        return text.toString();
    }

    @Test
    void theThreadListHasEveryThreadInOneReply() {
        assertThat(stub.ask("qfThreadInfo")).isEqualTo("m1,5,8002");
        assertThat(stub.ask("qsThreadInfo")).isEqualTo("l");
    }

    @Test
    void extraInfoIsTheDescriptionInHex() {
        assertThat(new String(Hex.decode(stub.ask("qThreadExtraInfo,8002")), StandardCharsets.ISO_8859_1))
                .isEqualTo("proc32770, endpoint 32769");
        assertThat(stub.ask("qThreadExtraInfo,7")).isEqualTo("E22");
    }

    @Test
    void aliveCurrentAndStopRepliesNameTheStoppedThread() {
        assertThat(stub.ask("T5")).isEqualTo("OK");
        assertThat(stub.ask("T8002")).isEqualTo("OK");
        assertThat(stub.ask("T7")).isEqualTo("E22");
        assertThat(stub.ask("T0")).isEqualTo("E22");
        assertThat(stub.ask("qC")).isEqualTo("QC5");
        assertThat(stub.ask("?")).startsWith("T05thread:05;");
    }

    @Test
    void hgSelectsAThreadAndWildcardsMeanTheStoppedOne() {
        assertThat(stub.ask("Hg8002")).isEqualTo("OK");
        assertThat(stub.ask("Hg0")).isEqualTo("OK");
        assertThat(stub.ask("Hg-1")).isEqualTo("OK");
        assertThat(stub.ask("Hgp1.1")).isEqualTo("OK");
        assertThat(stub.ask("Hg7")).isEqualTo("E22");
        assertThat(target.selections).containsExactly(0x8002, 0, 0, 1);
        assertThat(stub.ask("Hc5")).isEqualTo("OK");
        assertThat(stub.ask("Hc7")).isEqualTo("E22");
    }

    @Test
    void vContStepsTheThreadItNames() {
        assertThat(stub.ask("vCont;s:8002;c")).startsWith("T05thread:05;");
        assertThat(stub.ask("vCont;s:7;c")).startsWith("T"); // thread 7 is gone: the continue applies
        assertThat(stub.ask("s")).startsWith("T05");
        assertThat(target.resumes).containsExactly("s32770", "c0", "s0");
    }

    @Test
    void monitorPsIpcAndHelpUseTheTargetsText() {
        assertThat(monitor(stub, "ps")).isEqualTo("the process table\n");
        assertThat(monitor(stub, "ipc")).isEqualTo("who waits for whom\n");
        assertThat(monitor(stub, "info ipc")).isEqualTo("who waits for whom\n");
        assertThat(monitor(stub, "help")).contains("ps ").contains("ipc ").endsWith("hosted note\n");
    }

    @Test
    void pcModeHasOneThreadTheCpu() {
        StubChannel pc = new StubChannel(DebugTarget.NULL);
        assertThat(pc.ask("qfThreadInfo")).isEqualTo("m1");
        assertThat(pc.ask("qC")).isEqualTo("QC1");
        assertThat(pc.ask("T1")).isEqualTo("OK");
        assertThat(pc.ask("T2")).isEqualTo("E22");
        assertThat(pc.ask("Hg2")).isEqualTo("E22");
        assertThat(new String(Hex.decode(pc.ask("qThreadExtraInfo,1")), StandardCharsets.ISO_8859_1)).isEqualTo("CPU 0");
        assertThat(monitor(pc, "ps")).contains("needs hosted mode");
        assertThat(monitor(pc, "help")).contains("Addresses in gdb are linear");
    }
}
