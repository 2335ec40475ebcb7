package org.jinx.tools.lockstep;

import java.util.Map;

/**
 * What one lockstep run found.
 *
 * @param program      the ROM's file name
 * @param end          how the run ended
 * @param steps        instructions compared (a REP instruction, or a fault delivered, is one)
 * @param qemuSteps    gdb single steps sent to QEMU (REP iterations count one each)
 * @param explained    known QEMU deviations met, with how often each was met
 * @param divergence   the first unexplained divergence as a report, or null
 * @param stopReport   for {@link End#STOPPED_AT_DEVIATION}, the report of where and why, else null
 * @param jinxStatus   Jinx's exit status for the guest's exit write, or -1
 * @param qemuStatus   QEMU's process exit status, or -1
 * @param jinxOutput   port 0xE9 text under Jinx
 * @param qemuOutput   port 0xE9 text under QEMU
 * @param millis       wall-clock time of the run
 */
public record LockstepResult(String program, End end, long steps, long qemuSteps, Map<QemuDeviation, Integer> explained,
        String divergence, String stopReport, int jinxStatus, int qemuStatus, String jinxOutput, String qemuOutput, long millis) {

    /** How a run ended. */
    public enum End {
        /** Both guests wrote the exit port at the same instruction. */
        EXITED,
        /** Both CPUs halted with nothing to wake them. */
        HALTED,
        /** Both CPUs shut down (triple fault). */
        SHUTDOWN,
        /** The step limit was reached with no divergence. */
        STEP_LIMIT,
        /** A divergence no known QEMU deviation explains. */
        DIVERGED,
        /** A known deviation made the rest of the run incomparable; everything before it agreed. */
        STOPPED_AT_DEVIATION
    }

    /** True when nothing unexplained was found: the run ended together and the output agrees. */
    public boolean agrees() {
        return divergence == null && end != End.DIVERGED;
    }

    /** Explained divergences met, in total. */
    public int explainedCount() {
        return explained.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line: program, outcome, steps, explained deviations, time. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %s after %,d instructions (%,d QEMU steps), %d explained divergence%s",
                program, describeEnd(), steps, qemuSteps, explainedCount(), explainedCount() == 1 ? "" : "s"));
        if (!explained.isEmpty()) {
            StringBuilder ids = new StringBuilder();
            explained.forEach((d, n) -> ids.append(ids.length() == 0 ? "" : ", ").append(d.name()).append(" x").append(n));
            sb.append(" (").append(ids).append(')');
        }
        sb.append(String.format(", %.1f s", millis / 1000.0));
        return sb.toString();
    }

    private String describeEnd() {
        switch (end) {
            case EXITED:
                return "both exited with status " + jinxStatus;
            case HALTED:
                return "both halted";
            case SHUTDOWN:
                return "both shut down";
            case STEP_LIMIT:
                return "step limit reached in agreement";
            case DIVERGED:
                return "DIVERGED";
            default:
                return "stopped at a known deviation";
        }
    }
}
