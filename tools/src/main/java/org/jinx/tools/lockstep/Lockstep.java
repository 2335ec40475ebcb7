package org.jinx.tools.lockstep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jinx.boot.BiosImage;
import org.jinx.boot.BootException;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.Attr;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Runs one ROM in Jinx and in QEMU side by side, an instruction at a time, and compares the
 * registers after every instruction. The unit of comparison is one architectural instruction:
 * a REP string instruction is stepped on both sides until EIP leaves it (QEMU's gdb step is one
 * iteration, Jinx's {@link Cpu#step()} a chunk of iterations), and an instruction that faults
 * is compared where both land, at the first instruction of the handler.
 *
 * <p>QEMU's gdb single step differs from the architecture around the guest's own debug
 * facilities, so the lockstep works around it where it must:
 * <ul>
 *   <li>after each step QEMU raises #DB if the guest has an instruction breakpoint at the new
 *       EIP, so a step that ends on a breakpoint includes its #DB; Jinx, which raises it at the
 *       start of its next step, is stepped once more;</li>
 *   <li>that check ignores RF, so where RF suppresses the breakpoint the instruction at it is
 *       joined to the previous one and QEMU is run to their end with a gdb breakpoint;</li>
 *   <li>a gdb step replaces the guest's TF single-step trap, so an instruction executed with TF
 *       set is also run to where Jinx ended up (the #DB handler);</li>
 *   <li>after a data-breakpoint #DB the next gdb step runs nothing, so while data breakpoints
 *       are armed every instruction is run that way.</li>
 * </ul>
 * A REP instruction with a long count is run the same way, for speed. Where the two machines
 * differ as a known QEMU deviation says, {@link QemuDeviation} decides what happens.
 */
public final class Lockstep {
    /** Settings of a run. */
    public record Options(String qemuBinary, long maxSteps, int historyLength) {
        public static Options defaults() {
            return new Options(QemuTarget.DEFAULT_BINARY, DEFAULT_MAX_STEPS, 12);
        }
    }

    /** About ten minutes of lockstep; the CPU test programs need under 100,000 each. */
    public static final long DEFAULT_MAX_STEPS = 2_000_000L;
    /**
     * A REP instruction with a count above this is run in QEMU to its end (or to the handler of
     * its fault) instead of being single-stepped an iteration at a time.
     */
    static final int REP_STEP_LIMIT = 16;
    /** How long QEMU's step over a HLT that halted Jinx is given before it is interrupted. */
    static final int HALT_WAIT_MS = 300;
    /** More Jinx steps than this on one REP instruction means it is not leaving it. */
    private static final int MAX_REP_STEPS = 1 << 24;

    private final JinxTarget jinx;
    private final QemuTarget qemu;
    private final Options options;
    private final History history;
    private final Map<QemuDeviation, Integer> explained = new EnumMap<>(QemuDeviation.class);
    private long steps;
    private long qemuSteps;
    /** The report of a STOP deviation that ended the run. */
    private String stopReport;

    private Lockstep(JinxTarget jinx, QemuTarget qemu, Options options) {
        this.jinx = jinx;
        this.qemu = qemu;
        this.options = options;
        this.history = new History(options.historyLength());
    }

    /** Runs {@code bios} in lockstep to its end, the step limit or the first unexplained divergence. */
    public static LockstepResult run(Path bios, Options options) throws IOException, BootException {
        BiosImage rom = BiosImage.load(bios);
        long t0 = System.nanoTime();
        try (QemuTarget qemu = QemuTarget.start(options.qemuBinary(), bios)) {
            Lockstep l = new Lockstep(new JinxTarget(rom), qemu, options);
            return l.run(bios.getFileName().toString(), t0);
        }
    }

    private LockstepResult run(String program, long t0) throws IOException {
        alignResetState();
        String divergence = null;
        LockstepResult.End end;
        Registers q = qemu.registers();
        List<RegisterComparison.Mismatch> atReset = RegisterComparison.compare(jinx.registers(), q, 0);
        if (!atReset.isEmpty()) {
            divergence = report("at RESET, before the first instruction", atReset, jinx.registers(), q);
            end = LockstepResult.End.DIVERGED;
        } else {
            StepResult r;
            do {
                r = stepBoth();
            } while (r.end == null);
            end = r.end;
            divergence = r.divergence;
        }
        int qemuStatus = -1;
        if (qemu.exited()) {
            qemuStatus = qemu.exitStatus();
        }
        int jinxStatus = jinx.exited() ? jinx.exitStatus() : -1;
        if (end == LockstepResult.End.EXITED && divergence == null) {
            divergence = compareEnding(jinxStatus, qemuStatus);
            if (divergence != null) {
                end = LockstepResult.End.DIVERGED;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new LockstepResult(program, end, steps, qemuSteps, Map.copyOf(explained), divergence, stopReport, jinxStatus,
                qemuStatus, jinx.output(), qemu.output(), ms);
    }

    /** The outcome of one compared instruction: {@code end} is null to go on. */
    private record StepResult(LockstepResult.End end, String divergence) {
        static final StepResult GO_ON = new StepResult(null, null);
    }

    /** Applies the RESET deviations: QEMU's reset values that are not the 386's are set to Jinx's. */
    private void alignResetState() throws IOException {
        Registers j = jinx.registers();
        Registers q = qemu.registers();
        for (QemuDeviation dev : QemuDeviation.values()) {
            for (int r = 0; r < Registers.COUNT; r++) {
                int tol = dev.resetTolerance(r);
                int diff = (j.get(r) ^ q.get(r)) & tol;
                if (diff != 0) {
                    int fixed = q.get(r) ^ diff;
                    qemu.writeRegister(Registers.NAMES[r], fixed);
                    q = q.with(r, fixed);
                    count(dev);
                }
            }
        }
    }

    private void count(QemuDeviation d) {
        explained.merge(d, 1, Integer::sum);
    }

    private StepResult stepBoth() throws IOException {
        if (steps >= options.maxSteps()) {
            return new StepResult(LockstepResult.End.STEP_LIMIT, null);
        }
        Cpu cpu = jinx.cpu;
        int startPc = jinx.linearPc();
        boolean trapAfter = (cpu.getEflags() & Cpu.TF) != 0 || DebugFacts.dataBreakpointsArmed(cpu);
        Executed x = executeJinx();
        boolean runTo = trapAfter || x.longRep;
        if (x.completed && DebugFacts.suppressedBreakpointAt(cpu)) {
            // QEMU's gdb step would raise this breakpoint's #DB despite RF; the instruction at
            // the breakpoint is run in the same unit, and QEMU is run to where it ends.
            x = executeJinx();
            runTo = true;
        }
        Registers j = jinx.registers();

        QemuTarget.Stop stop = cpu.state == Cpu.State.HALTED ? stepQemuIntoHalt()
                : runTo && jinx.linearPc() != startPc
                ? runQemuTo(x.rep && x.fallThrough != jinx.linearPc()
                        ? new int[] {jinx.linearPc(), x.fallThrough} : new int[] {jinx.linearPc()})
                : stepQemu(x.rep, x.cs, x.eip);
        if (stop == QemuTarget.Stop.EXITED) {
            if (jinx.exited()) {
                return new StepResult(LockstepResult.End.EXITED, null);
            }
            if (cpu.state == Cpu.State.SHUTDOWN) {
                return new StepResult(LockstepResult.End.SHUTDOWN, null);
            }
            return new StepResult(LockstepResult.End.DIVERGED,
                    report("QEMU exited (status " + qemu.exitStatus() + ") but Jinx did not", List.of(), j, null));
        }
        Registers q = qemu.registers();
        if (jinx.exited()) {
            return new StepResult(LockstepResult.End.DIVERGED,
                    report("Jinx's guest wrote the exit port but QEMU goes on", List.of(), j, q));
        }
        int ignored = x.completed ? x.undefinedFlags : 0;
        List<RegisterComparison.Mismatch> diff = RegisterComparison.compare(j, q, ignored);
        if (!diff.isEmpty()) {
            if (!x.completed && x.predictedStop != null) {
                count(x.predictedStop);
                stopReport = DivergenceReport.format(String.format(
                        "known deviation at instruction %d, %s: %s (%s); the run cannot go on in lockstep", steps,
                        x.predictedStop.name(), x.predictedStop.summary, x.predictedStop.reference),
                        diff, history.lines(), jinx, j, q);
                return new StepResult(LockstepResult.End.STOPPED_AT_DEVIATION, null);
            }
            if (!explain(new QemuDeviation.Step(x.insn, j, x.completed), diff, ignored)) {
                String what = stop == QemuTarget.Stop.TIMED_OUT && cpu.state != Cpu.State.HALTED
                        ? "QEMU, run toward Jinx's CS:EIP, did not get there and was interrupted"
                        : "after the marked instruction";
                return new StepResult(LockstepResult.End.DIVERGED, report(what, diff, j, q));
            }
            j = jinx.registers();
        }
        adoptUndefinedFlags(j, q, ignored);
        if (x.completed && x.insn != null && x.insn.opcode == 0x101 && x.insn.reg == 1) {
            alignStoredIdtLimit(x.insn);
        }
        if (cpu.state == Cpu.State.HALTED) {
            if (stop != QemuTarget.Stop.TIMED_OUT) {
                return new StepResult(LockstepResult.End.DIVERGED,
                        report("Jinx halted but QEMU's step ended", List.of(), j, q));
            }
            return new StepResult(LockstepResult.End.HALTED, null);
        }
        return StepResult.GO_ON;
    }

    /** One instruction as Jinx executed it. */
    private record Executed(int cs, int eip, DecodedInsn insn, int undefinedFlags, boolean rep, boolean longRep,
            int fallThrough, QemuDeviation predictedStop, boolean completed) {
    }

    /** Runs one instruction on Jinx (a whole REP instruction, or a fault delivered) and records it. */
    private Executed executeJinx() {
        Cpu cpu = jinx.cpu;
        int cs = cpu.seg[Cpu.CS].selector;
        int eip = cpu.eip;
        DecodedInsn d = jinx.peekInstruction();
        history.record(steps + 1, cs, eip, cpu.code32(), d);
        int undefined = d == null ? 0 : UndefinedFlags.of(d, cpu);
        boolean rep = d != null && d.rep != 0 && d.row.has(Attr.REP);
        int count = rep ? (d.a32 ? cpu.reg[Cpu.ECX] : cpu.reg[Cpu.ECX] & 0xFFFF) : 0;
        int fallThrough = d == null ? 0 : cpu.seg[Cpu.CS].base + (cpu.code32() ? eip + d.length : eip + d.length & 0xFFFF);
        QemuDeviation predicted = QemuDeviation.predictedStop(d, cpu);
        boolean completed = stepJinx(rep, cs, eip);
        steps++;
        boolean longRep = rep && Integer.compareUnsigned(count, REP_STEP_LIMIT) > 0;
        return new Executed(cs, eip, d, undefined, rep, longRep, fallThrough, predicted, completed);
    }

    /**
     * Whether known deviations cover every differing bit; if so, counts them and gives Jinx
     * QEMU's values for those bits, so the runs stay aligned.
     */
    private boolean explain(QemuDeviation.Step step, List<RegisterComparison.Mismatch> diff, int ignoredFlags) {
        List<QemuDeviation> by = Explanation.of(step, diff, ignoredFlags);
        if (by == null) {
            return false;
        }
        by.forEach(this::count);
        Explanation.adopt(jinx.cpu, diff, ignoredFlags);
        return true;
    }

    /**
     * IDTR_LIMIT_AFTER_RESET: QEMU's IDTR limit after RESET is 0xFFFF where the 386's is
     * 0x03FF, and SIDT is the only way a program sees it. When SIDT stored exactly that
     * difference, QEMU's stored limit is rewritten to Jinx's.
     */
    private void alignStoredIdtLimit(DecodedInsn d) throws IOException {
        Cpu cpu = jinx.cpu;
        if (d.mod == 3 || cpu.idtrLimit != 0x3FF) {
            return;
        }
        int linear = cpu.seg[d.seg].base + cpu.ea(d);
        byte[] mine = jinx.peekBytes(linear, 0, 6, true);
        byte[] theirs = qemu.readMemory(linear, 6);
        if (mine.length != 6 || theirs == null || theirs.length != 6) {
            return;
        }
        boolean limitOnly = (theirs[0] & 0xFF) == 0xFF && (theirs[1] & 0xFF) == 0xFF
                && java.util.Arrays.equals(mine, 2, 6, theirs, 2, 6);
        if (limitOnly && (mine[0] & 0xFF) == 0xFF && (mine[1] & 0xFF) == 0x03) {
            qemu.writeMemory(linear, new byte[] {mine[0], mine[1]});
            count(QemuDeviation.IDTR_LIMIT_AFTER_RESET);
        }
    }

    /**
     * Steps Jinx through one instruction: a REP instruction until EIP leaves it. Returns
     * whether the instruction completed (false when its last step delivered a fault instead).
     */
    private boolean stepJinx(boolean rep, int cs, int eip) {
        Cpu cpu = jinx.cpu;
        int n = 0;
        while (true) {
            long retired = cpu.instructions;
            jinx.step();
            boolean completed = cpu.instructions > retired;
            if (!rep || !completed || jinx.exited() || cpu.state != Cpu.State.RUNNING || !at(cpu, cs, eip)) {
                if (completed && DebugFacts.breakpointAt(cpu)) {
                    // QEMU's gdb step takes the #DB of an instruction breakpoint on the next
                    // instruction in the same step; Jinx raises it at the start of its next step.
                    jinx.step();
                }
                return completed;
            }
            if (++n > MAX_REP_STEPS) {
                throw new IllegalStateException("a REP instruction at " + Integer.toHexString(eip) + " does not end");
            }
        }
    }

    private static boolean at(Cpu cpu, int cs, int eip) {
        return cpu.eip == eip && cpu.seg[Cpu.CS].selector == cs;
    }

    /**
     * Runs QEMU until it reaches one of {@code stops} (where Jinx ended up, and for a REP
     * instruction its fall-through too), with hardware breakpoints; for the steps a gdb single
     * step cannot reproduce (see the class comment) and to run long REP loops at full speed.
     */
    private QemuTarget.Stop runQemuTo(int[] stops) throws IOException {
        qemuSteps++;
        return qemu.runTo(stops, QemuTarget.STEP_TIMEOUT_MS);
    }

    /** QEMU's step over the HLT that halted Jinx: it does not end by itself, so it is cut short. */
    private QemuTarget.Stop stepQemuIntoHalt() throws IOException {
        qemuSteps++;
        return qemu.stepIntoHalt(HALT_WAIT_MS);
    }

    /** Steps QEMU through one instruction: a REP instruction until EIP leaves it. */
    private QemuTarget.Stop stepQemu(boolean rep, int cs, int eip) throws IOException {
        while (true) {
            QemuTarget.Stop s = qemu.step();
            qemuSteps++;
            if (!rep || s != QemuTarget.Stop.STOPPED) {
                return s;
            }
            Registers q = qemu.registers();
            if (q.get(Registers.EIP) != eip || q.get(Registers.CS) != cs) {
                return s;
            }
        }
    }

    /**
     * Undefined flags may legitimately differ; Jinx takes QEMU's values so that a later PUSHF
     * or conditional jump does not report the same difference again.
     */
    private void adoptUndefinedFlags(Registers j, Registers q, int ignored) {
        int jf = j.get(Registers.EFLAGS);
        int qf = q.get(Registers.EFLAGS);
        if (((jf ^ qf) & ignored) != 0) {
            jinx.cpu.setEflags(jf & ~ignored | qf & ignored);
        }
    }

    private String compareEnding(int jinxStatus, int qemuStatus) {
        if (jinxStatus != qemuStatus) {
            return String.format("both guests exited, but Jinx with status %d and QEMU with %d", jinxStatus, qemuStatus);
        }
        String jo = jinx.output();
        String qo = qemu.output();
        if (!jo.equals(qo)) {
            int at = 0;
            while (at < jo.length() && at < qo.length() && jo.charAt(at) == qo.charAt(at)) {
                at++;
            }
            return String.format("port 0xE9 output differs from character %d:%n  jinx: %s%n  qemu: %s", at,
                    excerpt(jo, at), excerpt(qo, at));
        }
        return null;
    }

    private static String excerpt(String s, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(s.length(), at + 60);
        return (from > 0 ? "..." : "") + s.substring(from, to).replace("\n", "\\n") + (to < s.length() ? "..." : "");
    }

    private String report(String what, List<RegisterComparison.Mismatch> diff, Registers j, Registers q) {
        return DivergenceReport.format("divergence at instruction " + steps + ": " + what, diff, history.lines(),
                jinx, j, q);
    }
}
