package org.jinx.kernel.proc;

import org.jinx.kernel.abi.Abi;

/**
 * Endpoints: a process slot plus a generation, so that a stale endpoint of a dead process never
 * reaches the slot's next occupant (spec 2.2-2.4). With generation 0 the endpoint equals the
 * slot, kernel tasks included.
 */
public final class Endpoint {
    private Endpoint() {
    }

    /** Generation shift: endpoint = generation * GENERATION_SIZE + slot. */
    @Abi("_ENDPOINT_GENERATION_SHIFT")
    public static final int GENERATION_SHIFT = 15;
    @Abi("_ENDPOINT_GENERATION_SIZE")
    public static final int GENERATION_SIZE = 1 << GENERATION_SHIFT;
    @Abi
    public static final int MAX_NR_TASKS = 1023;
    /** floor(INT_MAX / 32768) - 1; fork wraps from here to 1, never to 0. */
    @Abi("_ENDPOINT_MAX_GENERATION")
    public static final int MAX_GENERATION = Integer.MAX_VALUE / GENERATION_SIZE - 1;

    /** Kernel tasks (negative slots) and ordinary process slots. */
    @Abi
    public static final int NR_TASKS = 5;
    @Abi
    public static final int NR_PROCS = 256;

    // Special values, outside every slot range (spec 2.3).
    @Abi
    public static final int ANY = 0x7C00;
    @Abi
    public static final int NONE = 0x7BFF;
    @Abi
    public static final int SELF = 0x7BFE;
    @Abi
    public static final int ANY_USR = ANY + GENERATION_SIZE;
    @Abi
    public static final int ANY_SYS = ANY + 2 * GENERATION_SIZE;
    @Abi
    public static final int ANY_TSK = ANY + 3 * GENERATION_SIZE;

    // Kernel tasks.
    @Abi
    public static final int ASYNCM = -5;
    @Abi
    public static final int IDLE = -4;
    @Abi
    public static final int CLOCK = -3;
    @Abi
    public static final int SYSTEM = -2;
    @Abi
    public static final int KERNEL = -1;
    @Abi
    public static final int HARDWARE = KERNEL;

    // Boot processes (generation 0, so endpoint == slot).
    @Abi("PM_PROC_NR")
    public static final int PM = 0;
    @Abi("VFS_PROC_NR")
    public static final int VFS = 1;
    @Abi("RS_PROC_NR")
    public static final int RS = 2;
    @Abi("MEM_PROC_NR")
    public static final int MEM = 3;
    @Abi("SCHED_PROC_NR")
    public static final int SCHED = 4;
    @Abi("TTY_PROC_NR")
    public static final int TTY = 5;
    @Abi("DS_PROC_NR")
    public static final int DS = 6;
    @Abi("MIB_PROC_NR")
    public static final int MIB = 7;
    @Abi("VM_PROC_NR")
    public static final int VM = 8;
    @Abi("PFS_PROC_NR")
    public static final int PFS = 9;
    @Abi("MFS_PROC_NR")
    public static final int MFS = 10;
    @Abi("INIT_PROC_NR")
    public static final int INIT = 11;
    @Abi
    public static final int NR_BOOT_PROCS = NR_TASKS + INIT + 1;

    public static int encode(int generation, int slot) {
        return generation * GENERATION_SIZE + slot;
    }

    public static int slot(int endpoint) {
        // floorMod by a power of two, as a mask: every IPC call looks up endpoints.
        return ((endpoint + MAX_NR_TASKS) & (GENERATION_SIZE - 1)) - MAX_NR_TASKS;
    }

    public static int generation(int endpoint) {
        return (endpoint + MAX_NR_TASKS) >> GENERATION_SHIFT;
    }

    /** The generation a slot gets at its next fork: one more, wrapping from the maximum to 1. */
    public static int nextGeneration(int generation) {
        return generation >= MAX_GENERATION ? 1 : generation + 1;
    }

    /** True for slots of the process table (tasks and processes), whatever their state. */
    public static boolean isSlotInRange(int slot) {
        return slot >= -NR_TASKS && slot < NR_PROCS;
    }

    /** A readable name for the special values and fixed endpoints (logs, dumps). */
    public static String name(int e) {
        return switch (e) {
            case ANY -> "ANY";
            case NONE -> "NONE";
            case SELF -> "SELF";
            case ASYNCM -> "ASYNCM";
            case IDLE -> "IDLE";
            case CLOCK -> "CLOCK";
            case SYSTEM -> "SYSTEM";
            case KERNEL -> "KERNEL";
            default -> Integer.toString(e);
        };
    }
}
