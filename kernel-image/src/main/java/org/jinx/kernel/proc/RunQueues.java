package org.jinx.kernel.proc;

/**
 * The ready lists: one FIFO per priority, 0 the highest (spec: MINIX enqueue/dequeue/pick_proc).
 * Only {@link Proc#setRts} and {@link Proc#clearRts} add and remove processes, so a process is in
 * a queue exactly when it is runnable. Round robin falls out of that: quantum expiry sets and
 * clears NO_QUANTUM, which moves the process to the tail of its queue.
 */
public final class RunQueues {
    public static final int NR_SCHED_QUEUES = 16;
    /** Kernel tasks' queue, and the top priority a system process can have. */
    public static final int TASK_Q = 0;
    /** Where user processes start. */
    public static final int USER_Q = 7;
    public static final int MIN_USER_Q = NR_SCHED_QUEUES - 1;

    private final Proc[] head = new Proc[NR_SCHED_QUEUES];
    private final Proc[] tail = new Proc[NR_SCHED_QUEUES];

    void enqueue(Proc p) {
        int q = p.priority;
        p.nextReady = null;
        if (head[q] == null) {
            head[q] = p;
        } else {
            tail[q].nextReady = p;
        }
        tail[q] = p;
    }

    void dequeue(Proc p) {
        int q = p.priority;
        Proc prev = null;
        for (Proc x = head[q]; x != null; prev = x, x = x.nextReady) {
            if (x == p) {
                if (prev == null) {
                    head[q] = x.nextReady;
                } else {
                    prev.nextReady = x.nextReady;
                }
                if (tail[q] == p) {
                    tail[q] = prev;
                }
                p.nextReady = null;
                return;
            }
        }
        throw new IllegalStateException("dequeue of " + p.name() + ", which is not in queue " + q);
    }

    /** The process to run next: the head of the highest non-empty queue, or null (idle). */
    public Proc pick() {
        for (int q = 0; q < NR_SCHED_QUEUES; q++) {
            if (head[q] != null) {
                return head[q];
            }
        }
        return null;
    }

    /** True when p is in its priority's queue (for checks and tests). */
    public boolean contains(Proc p) {
        for (Proc x = head[p.priority]; x != null; x = x.nextReady) {
            if (x == p) {
                return true;
            }
        }
        return false;
    }
}
