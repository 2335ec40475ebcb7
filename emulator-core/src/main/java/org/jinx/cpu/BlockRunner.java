package org.jinx.cpu;

import org.jinx.cpu.decode.Block;
import org.jinx.cpu.decode.BlockBuilder;
import org.jinx.cpu.decode.DecodeCache;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.BlockOp;
import org.jinx.cpu.exec.Interrupts;
import org.jinx.time.VirtualClock;

/**
 * The CPU's run loop: executes pre-decoded {@link Block}s, and checks for interrupts, device
 * deadlines, the instruction limit and requests to stop between blocks rather than between
 * instructions. Where that would change what the guest sees, it single-steps with
 * {@link Cpu#step()} instead:
 * <ul>
 *   <li>TF set (single-step traps), RF set, debug registers armed, or a debugger's breakpoint
 *       hook installed;
 *   <li>a block that would pass the CS limit, or whose first instruction crosses a page.
 * </ul>
 * In an interrupt shadow (after MOV SS, POP SS or STI) only the first instruction of the block
 * runs before interrupts are checked again, and near the instruction limit only as many as are
 * left, so both come out exactly as in the step loop.
 * Instructions after which an interrupt may become pending (port I/O, STI, POPF, IRET, ...)
 * end their block, so an interrupt is taken at the same instruction boundary as in the step
 * loop; a timer deadline is noticed at the end of the block in which it passed. A block's table
 * clocks are added in one step at its end, with what the handlers charged ({@code extraCycles}).
 * A block that has run {@link Cpu#compileAfter} times whole is compiled ({@link BlockCompiler})
 * and from then on runs through its {@link BlockCode} whenever it runs whole; a partial run
 * (interrupt shadow, instruction limit) still goes through the operations one by one.
 */
final class BlockRunner {
    private final Cpu cpu;
    private final DecodeCache cache;
    private final BlockBuilder builder;

    BlockRunner(Cpu cpu) {
        this.cpu = cpu;
        this.cache = cpu.decodeCache;
        this.builder = new BlockBuilder(cpu.mem);
    }

    /** Runs until the clock reaches {@code deadline}, the CPU stops, or {@code maxInsns} instructions retire. */
    void runUntil(long deadline, long maxInsns) {
        Cpu c = cpu;
        VirtualClock clock = c.clock;
        long stopAt = c.instructions + maxInsns;
        Block prev = null; // the block that ran last, when nothing else came between
        while (clock.cycles() < deadline && c.instructions < stopAt && !c.exitLoop) {
            if (c.state != Cpu.State.RUNNING) {
                if (c.state == Cpu.State.HALTED && c.ifFlag() && c.pic.intrPending()) {
                    c.state = Cpu.State.RUNNING;
                } else {
                    if (c.state == Cpu.State.HALTED && deadline != Long.MAX_VALUE) {
                        clock.setCycles(deadline); // idle until the next device event
                    }
                    return;
                }
            }
            int flags = c.rawEflags();
            if (c.debugActive || c.breakpointHook != null || (flags & (Cpu.TF | Cpu.RF)) != 0) {
                c.step();
                prev = null;
                continue;
            }
            boolean shadow = c.inhibitInterrupts;
            if (!shadow && (flags & Cpu.IF) != 0 && c.pic.intrPending()) {
                int vector = c.pic.acknowledge();
                c.repResume = false;
                Interrupts.external(c, vector);
                prev = null;
                continue;
            }
            Block b = prev != null ? linked(prev) : null;
            if (b == null) {
                b = blockAtEip();
                if (b == null) {
                    c.step();
                    prev = null;
                    continue;
                }
                if (prev != null) {
                    link(prev, b);
                }
            }
            // In an interrupt shadow only the one instruction runs before the next check; near
            // the instruction limit only as many as are left.
            c.inhibitInterrupts = false;
            long left = stopAt - c.instructions;
            prev = execute(b, shadow ? 1 : left < b.insns.length ? (int) left : b.insns.length) ? b : null;
        }
    }

    /**
     * The block that ran after {@code prev} before, if it is still the one at CS:EIP: same EIP,
     * CS base and CPL (so the same linear address and fetch permission), no TLB flush and no
     * change of the physical map since (so the same physical address), the block still cached,
     * for the same code size, and within the CS limit.
     */
    private Block linked(Block prev) {
        Block.Link l = prev.link0;
        Block b = l.next;
        if (b == null || !matches(l)) {
            l = prev.link1;
            b = l.next;
            if (b == null || !matches(l)) {
                return null;
            }
        }
        Segment cs = cpu.seg[Cpu.CS];
        if (!b.valid || b.code32 != cs.big || (cpu.eip & 0xFFFFFFFFL) + b.byteLength - 1 > cs.hi) {
            return null;
        }
        return b;
    }

    private boolean matches(Block.Link l) {
        Cpu c = cpu;
        return l.eip == c.eip && l.csBase == c.seg[Cpu.CS].base && l.cpl == c.cpl
                && l.pagingEpoch == c.paging.epoch && l.mappings == c.mem.mappings;
    }

    private void link(Block prev, Block b) {
        Block.Link l = prev.replaceLink1 ? prev.link1 : prev.link0;
        prev.replaceLink1 = !prev.replaceLink1;
        Cpu c = cpu;
        l.next = b;
        l.eip = c.eip;
        l.csBase = c.seg[Cpu.CS].base;
        l.cpl = c.cpl;
        l.pagingEpoch = c.paging.epoch;
        l.mappings = c.mem.mappings;
    }

    /** The block at CS:EIP, decoding it if needed; null where only the step path will do. */
    private Block blockAtEip() {
        Cpu c = cpu;
        Segment cs = c.seg[Cpu.CS];
        int eip = c.eip;
        long off = eip & 0xFFFFFFFFL;
        if (off > cs.hi) {
            return null;
        }
        int phys;
        try {
            phys = c.paging.translate(cs.base + eip, false, c.cpl == 3);
        } catch (CpuFault f) {
            return null; // the step path raises the same fault
        }
        boolean code32 = cs.big;
        Block b = cache.block(phys, code32);
        if (b == null) {
            b = builder.build(phys, code32);
            if (b == null) {
                return null;
            }
            cache.storeBlock(phys, b);
        }
        if (off + b.byteLength - 1 > cs.hi) {
            return null;
        }
        return b;
    }

    /**
     * Runs the first {@code count} instructions of a block (all of them, but for an interrupt
     * shadow or the instruction limit); true when all of them completed. Only the last
     * instruction of a block can branch, repeat or need its own address (the handlers of the
     * instructions that end blocks read EIP and NEXT_EIP; the others do not), so the
     * instructions before it run with EIP kept in a local, and {@code cpu.eip} is written when
     * the block ends or an instruction faults.
     */
    private boolean execute(Block b, int count) {
        Cpu c = cpu;
        DecodedInsn[] insns = b.insns;
        if (count == insns.length) {
            BlockCode code = b.code;
            if (code == null && c.compileAfter >= 0 && ++b.runs > c.compileAfter) {
                code = BlockCompiler.compile(b);
                b.code = code;
                if (code == null) {
                    b.runs = Integer.MIN_VALUE; // no more classes: do not ask again
                }
            }
            if (code != null) {
                return executeCompiled(b, code);
            }
        }
        BlockOp[] ops = b.ops;
        int last = count - 1;
        int eip = c.eip;
        int done = 0;
        int extraBefore = 0;
        c.extraCycles = 0;
        cache.dropped = false;
        try {
            while (done < last) {
                DecodedInsn d = insns[done];
                extraBefore = c.extraCycles;
                ops[done].exec(c, d);
                eip += d.length;
                done++;
                // A write that dropped decoded code may have rewritten what follows.
                if (cache.dropped) {
                    c.eip = eip;
                    retire(b, done);
                    return false;
                }
            }
            DecodedInsn d = insns[last];
            c.eip = eip;
            extraBefore = c.extraCycles;
            c.nextEip = eip + d.length;
            ops[last].exec(c, d);
            eip = c.nextEip;
            done++;
        } catch (CpuFault f) {
            // insns[done] did not complete: it restarts from its own address (a handler may
            // have moved EIP before it faulted).
            faulted(b, done, eip, extraBefore, f);
            return false;
        }
        c.eip = eip;
        retire(b, done);
        return done == b.insns.length;
    }

    /** Runs a whole block through its compiled form; true when all its instructions completed. */
    private boolean executeCompiled(Block b, BlockCode code) {
        Cpu c = cpu;
        int eip = c.eip;
        c.extraCycles = 0;
        cache.dropped = false;
        int done;
        try {
            done = code.run(c);
        } catch (CpuFault f) {
            int at = code.faultAt;
            faulted(b, at, eip + b.offsets[at], code.faultExtra, f);
            return false;
        }
        retire(b, done);
        return done == b.insns.length;
    }

    /**
     * Instruction {@code done} of the block, at {@code eip}, raised {@code f}: the ones before it
     * retire with what they charged ({@code extraBefore}), and the fault is delivered.
     */
    private void faulted(Block b, int done, int eip, int extraBefore, CpuFault f) {
        Cpu c = cpu;
        c.eip = eip;
        c.extraCycles = extraBefore;
        retire(b, done);
        c.pendingDebugTrap = 0;
        c.clock.advance(2);
        c.repResume = false;
        Interrupts.exception(c, f.vector, f.hasErrorCode, f.errorCode);
    }

    private void retire(Block b, int done) {
        Cpu c = cpu;
        if (done == 0) {
            return;
        }
        c.instructions += done;
        c.clock.advance(c.cycleAccounting ? b.cycles[done - 1] + c.extraCycles : done);
    }
}
