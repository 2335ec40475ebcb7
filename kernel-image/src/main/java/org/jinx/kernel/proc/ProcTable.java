package org.jinx.kernel.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * The process table: NR_TASKS kernel-task slots (negative) and NR_PROCS process slots, a fixed
 * array indexed by slot + NR_TASKS (spec 2.2). A free slot keeps the endpoint its last occupant
 * had, so the next claim can give it a newer generation.
 */
public final class ProcTable {
    private final Proc[] procs = new Proc[Endpoint.NR_TASKS + Endpoint.NR_PROCS];
    private final RunQueues runQueues = new RunQueues();

    public ProcTable() {
        for (int i = 0; i < procs.length; i++) {
            procs[i] = new Proc(i - Endpoint.NR_TASKS, runQueues);
        }
    }

    public RunQueues runQueues() {
        return runQueues;
    }

    /** The slot, in whatever state; slot must be in range. */
    public Proc slot(int slot) {
        return procs[slot + Endpoint.NR_TASKS];
    }

    /**
     * The live process with exactly this endpoint, or null (MINIX isokendpt): the slot is in
     * range, not free, and its current endpoint equals e, so a stale generation fails.
     */
    public Proc lookup(int e) {
        int s = Endpoint.slot(e);
        if (!Endpoint.isSlotInRange(s)) {
            return null;
        }
        Proc p = slot(s);
        return !p.isFree() && p.endpoint() == e ? p : null;
    }

    /** The first free process slot (not a task slot), or null when the table is full. */
    public Proc freeSlot() {
        for (int s = 0; s < Endpoint.NR_PROCS; s++) {
            if (slot(s).isFree()) {
                return slot(s);
            }
        }
        return null;
    }

    /**
     * Gives a free slot its next endpoint: generation 0 at boot, otherwise one more than the
     * slot's last (spec 2.2). The process stays blocked by {@code hold} until its owner lifts it.
     */
    public Proc claim(Proc p, boolean boot, RtsFlag hold, String name) {
        if (!p.isFree()) {
            throw new IllegalStateException("slot " + p.slot + " is in use by " + p.name());
        }
        int gen = boot ? 0 : Endpoint.nextGeneration(Endpoint.generation(p.endpoint()));
        p.setEndpoint(Endpoint.encode(gen, p.slot));
        p.setName(name);
        p.setRts(hold);
        p.clearRts(RtsFlag.SLOT_FREE);
        for (MiscFlag f : MiscFlag.values()) {
            p.clearMisc(f);
        }
        p.sendtoE = Endpoint.NONE;
        p.getfromE = Endpoint.NONE;
        p.qLink = null;
        p.callerQ = null;
        p.pendingSignals[0] = 0;
        p.pendingSignals[1] = 0;
        return p;
    }

    /** Frees a slot: SLOT_FREE becomes its only flag. The endpoint is kept for the next generation. */
    public void release(Proc p) {
        p.setRts(RtsFlag.SLOT_FREE);
        for (RtsFlag f : RtsFlag.values()) {
            if (f != RtsFlag.SLOT_FREE) {
                p.clearRts(f);
            }
        }
        p.callerQ = null;
        p.qLink = null;
        p.setPriv(null);
    }

    /** Every slot whose SLOT_FREE is clear, tasks first, in slot order. */
    public List<Proc> live() {
        List<Proc> out = new ArrayList<>();
        for (Proc p : procs) {
            if (!p.isFree()) {
                out.add(p);
            }
        }
        return out;
    }

    /** A ps-like table of the live slots, for the console and for test failure messages. */
    public String dump() {
        StringBuilder sb = new StringBuilder(String.format("%5s %7s %-8s %4s %-24s %-16s %s%n",
                "slot", "endpt", "name", "priv", "rts", "misc", "blocked-on"));
        for (Proc p : live()) {
            sb.append(String.format("%5d %7s %-8s %4s %-24s %-16s %s%n", p.slot, Endpoint.name(p.endpoint()),
                    p.name(), p.priv() == null ? "-" : Integer.toString(p.priv().id), RtsFlag.describe(p.rts()),
                    MiscFlag.describe(p.misc()), Endpoint.name(p.blockedOn())));
        }
        return sb.toString();
    }
}
