package org.jinx.kernel.system;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.jinx.kernel.proc.Proc;

/**
 * The statistical profiler behind SYS_SPROF (MINIX profile_sample): while it runs, every clock
 * tick records which process was interrupted and where. Records go into a kernel buffer that
 * SYS_SPROF's stop copies to the profiling process: the first time a process is seen, a
 * {@code struct sprof_proc} (endpoint, name), then for each of its samples a
 * {@code struct sprof_sample} (endpoint, PC). A reader tells them apart as MINIX's sprofalyze
 * does: a record whose endpoint it has not seen yet is a name record. When the buffer is full,
 * sampling stops; mem_used stays the size of what was recorded (MINIX marks it -1).
 *
 * <p>Unlike MINIX, which keeps PCs of system processes only, user processes' PCs are recorded
 * too; the counts still say which were which. Ticks while nobody runs count as idle samples.
 */
final class Sprofiler {
    static final int PROC_RECORD = 4 + ExecCall.PROC_NAME_LEN;
    static final int SAMPLE_RECORD = 8;

    private boolean running;
    private byte[] buffer = new byte[0];
    private int memUsed;
    private boolean full;
    private int total;
    private int idle;
    private int system;
    private int user;
    private final Set<Integer> seen = new HashSet<>();

    boolean running() {
        return running;
    }

    /** Starts a run with room for {@code bytes} of records, all counts zero. */
    void start(int bytes) {
        buffer = new byte[bytes];
        memUsed = 0;
        full = false;
        total = idle = system = user = 0;
        seen.clear();
        running = true;
    }

    void stop() {
        running = false;
        seen.clear();
    }

    /** One clock tick: {@code p} was interrupted (null: the CPU was idle). */
    void tick(Proc p) {
        if (!running || full) {
            return;
        }
        boolean isNew = p != null && !seen.contains(p.endpoint());
        int need = SAMPLE_RECORD + (isNew ? PROC_RECORD : 0);
        if (p != null && memUsed + need > buffer.length) {
            full = true;
            return;
        }
        total++;
        if (p == null) {
            idle++;
            return;
        }
        if (CallArgs.hasSystemPriv(p)) {
            system++;
        } else {
            user++;
        }
        if (isNew) {
            seen.add(p.endpoint());
            SigFrame.put(buffer, memUsed, p.endpoint());
            byte[] name = p.name().getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(name, 0, buffer, memUsed + 4, Math.min(name.length, ExecCall.PROC_NAME_LEN - 1));
            memUsed += PROC_RECORD;
        }
        SigFrame.put(buffer, memUsed, p.endpoint());
        SigFrame.put(buffer, memUsed + 4, p.context.eip);
        memUsed += SAMPLE_RECORD;
    }

    byte[] buffer() {
        return buffer;
    }

    /** struct sprof_info_s as the run left it. */
    int[] info() {
        return new int[] {memUsed, total, idle, system, user};
    }
}
