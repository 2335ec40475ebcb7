package org.jinx.cpu;

import org.jinx.bus.InterruptController;
import org.jinx.bus.IoPortBus;
import org.jinx.cpu.decode.DecodeCache;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.jinx.cpu.exec.Interrupts;
import org.jinx.mem.PhysicalMemory;
import org.jinx.time.VirtualClock;

/**
 * The 80386: architectural state, the step loop, operand access and segmented memory access.
 * Instruction semantics live in {@code cpu.exec}, one class per family; this class only moves
 * bytes and raises faults. Register and flag names are the SDM's.
 */
public final class Cpu {
    // General registers in ModRM order.
    public static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    // Segment registers in Sreg order.
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    // EFLAGS bits.
    public static final int CF = 1 << 0, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, TF = 1 << 8,
            IF = 1 << 9, DF = 1 << 10, OF = 1 << 11, IOPL = 3 << 12, NT = 1 << 14, RF = 1 << 16, VM = 1 << 17;
    public static final int ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;

    // CR0 bits.
    public static final int CR0_PE = 1, CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_ET = 16, CR0_PG = 1 << 31;

    /** What the processor is doing between instructions. */
    public enum State { RUNNING, HALTED, SHUTDOWN }

    public final int[] reg = new int[8];
    public int eip;
    /** Where the current instruction continues; handlers that branch set it. */
    public int nextEip;
    public final Segment[] seg = new Segment[6];
    public int cr0, cr2, cr3;
    public final int[] dr = new int[8];
    /** TR6 and TR7, the 386's TLB test registers: they hold what is written (indexes 6 and 7). */
    public final int[] testReg = new int[8];
    public int gdtrBase, gdtrLimit, idtrBase, idtrLimit;
    public final Segment ldtr = new Segment();
    public final Segment tr = new Segment();
    public int cpl;
    public State state = State.RUNNING;
    /** Why the CPU shut down (triple fault), for the report. */
    public String shutdownReason;

    public final PhysicalMemory mem;
    public final IoPortBus io;
    public final VirtualClock clock;
    public final Paging paging;
    public InterruptController pic = InterruptController.NONE;
    public final DecodeCache decodeCache;
    public final Decoder decoder;
    private final BlockRunner runner;

    public long instructions;
    /** Clocks charged by the current instruction beyond its table count (taken branch, REP). */
    public int extraCycles;
    /**
     * Set by a REP string instruction that stopped after a chunk with iterations left: its next
     * execution continues it and does not pay the REP base count again. The step loop clears it
     * when an interrupt, a fault or a trap comes in between, so the instruction starts over.
     */
    public boolean repResume;
    /** Set by MOV SS, POP SS and STI: no interrupt is taken after the next instruction. */
    public boolean inhibitInterrupts;
    /** Effective address of the last memory operand fetched through {@link #getE}. */
    public int lastEa;
    /** Hook for traps delivered to a host kernel instead of the IDT (hosted mode). */
    public TrapSink trapSink;
    /** Set when debug-register breakpoints are enabled; slows memory access paths. */
    public boolean debugActive;
    /** Debug trap conditions collected during the instruction (DR6 bits B0-B3). */
    public int pendingDebugTrap;
    /**
     * Charge each instruction its 80386 clock count (the default). Off, every instruction counts
     * one clock: virtual time still moves, so timers still fire, but it no longer tracks a 386.
     */
    public boolean cycleAccounting = true;
    /** Runs of a block before the block runner compiles it to bytecode (BlockCompiler); negative: never. */
    public int compileAfter = 256;
    /**
     * An external debugger's own DR0-DR3 and DR7 (same encoding as {@link #dr}), kept apart from
     * the guest's so that gdb's watchpoints never show in MOV from DRn nor raise #DB in the guest.
     * A hit stops the run loop instead; element 6 collects the hits (see DebugRegisters).
     */
    public final int[] debuggerDr = new int[8];
    /** Consulted before each instruction while a debugger has breakpoints; null otherwise. */
    public BreakpointHook breakpointHook;
    /**
     * Set with {@link #exitLoop} when a debugger stops the run loop (a breakpoint, a watchpoint,
     * or its own stop request from another thread); Machine.run then returns INTERRUPTED.
     */
    public volatile boolean debuggerStop;
    /** Asks the run loop to return after the current instruction (exit port, debugger, Ctrl-C). */
    public volatile boolean exitLoop;

    // Lazy flags: eflags holds every bit; those in lfMask are stale and are computed from the
    // last arithmetic operation on demand.
    private int eflags = 0x2;
    private int lfMask;
    private int lfOp;
    private int lfSize;
    private int lfA;
    private int lfB;
    private int lfR;

    public static final int LF_ADD = 1, LF_ADC = 2, LF_SUB = 3, LF_SBB = 4, LF_LOGIC = 5, LF_RESULT = 6;

    private final CpuFault fault = new CpuFault();

    public Cpu(PhysicalMemory mem, IoPortBus io, VirtualClock clock) {
        this.mem = mem;
        this.io = io;
        this.clock = clock;
        for (int i = 0; i < 6; i++) {
            seg[i] = new Segment();
        }
        this.paging = new Paging(this);
        this.decodeCache = new DecodeCache(mem);
        this.decoder = new Decoder(this);
        this.runner = new BlockRunner(this);
        reset();
    }

    /** The 386's state after RESET: real mode, CS:EIP = F000:FFF0 with CS base FFFF0000. */
    public void reset() {
        java.util.Arrays.fill(reg, 0);
        reg[EDX] = 0x0303; // component and stepping ID of a 386DX
        eflags = 0x2;
        lfMask = 0;
        cr0 = CR0_ET; // an 80387 socket is reported; EM decides whether the FPU exists
        cr2 = 0;
        cr3 = 0;
        java.util.Arrays.fill(dr, 0);
        dr[6] = 0xFFFF0FF0;
        dr[7] = 0x400;
        for (int i = 0; i < 6; i++) {
            seg[i].set(0, 0, 0xFFFF, 0x93, false);
        }
        seg[CS].set(0xF000, 0xFFFF0000, 0xFFFF, 0x9B, false);
        eip = 0xFFF0;
        // A reset from a device during an OUT (port 92h, the 8042's pulse) must not be undone
        // when the run loop moves EIP on to the instruction after the OUT.
        nextEip = eip;
        gdtrBase = 0;
        gdtrLimit = 0xFFFF;
        idtrBase = 0;
        idtrLimit = 0x3FF;
        ldtr.set(0, 0, 0xFFFF, 0x82, false);
        tr.set(0, 0, 0xFFFF, 0x8B, false);
        cpl = 0;
        state = State.RUNNING;
        shutdownReason = null;
        inhibitInterrupts = false;
        repResume = false;
        pendingDebugTrap = 0;
        DebugRegisters.update(this); // a debugger's own breakpoints survive the reset
        paging.flush();
    }

    // ---------------------------------------------------------------- modes

    public boolean protectedMode() {
        return (cr0 & CR0_PE) != 0;
    }

    public boolean v86() {
        return (eflags & VM) != 0;
    }

    public boolean pagingEnabled() {
        return (cr0 & CR0_PG) != 0;
    }

    public boolean code32() {
        return seg[CS].big;
    }

    public boolean stack32() {
        return seg[SS].big;
    }

    public int iopl() {
        return eflags >>> 12 & 3;
    }

    // ---------------------------------------------------------------- faults

    /** Raises a fault with an error code. The return type lets callers write {@code throw}. */
    public CpuFault fault(int vector, int errorCode) {
        fault.vector = vector;
        fault.hasErrorCode = true;
        fault.errorCode = errorCode;
        return fault;
    }

    public CpuFault fault(int vector) {
        fault.vector = vector;
        fault.hasErrorCode = false;
        fault.errorCode = 0;
        return fault;
    }

    public CpuFault gp(int code) {
        return fault(Exceptions.GP, code);
    }

    public CpuFault ud() {
        return fault(Exceptions.UD);
    }

    // ---------------------------------------------------------------- flags

    public int getEflags() {
        if (lfMask == 0) {
            return eflags;
        }
        int f = eflags & ~lfMask;
        int m = lfMask;
        if ((m & CF) != 0 && lazyCf()) {
            f |= CF;
        }
        if ((m & PF) != 0 && lazyPf()) {
            f |= PF;
        }
        if ((m & AF) != 0 && lazyAf()) {
            f |= AF;
        }
        if ((m & ZF) != 0 && lazyZf()) {
            f |= ZF;
        }
        if ((m & SF) != 0 && lazySf()) {
            f |= SF;
        }
        if ((m & OF) != 0 && lazyOf()) {
            f |= OF;
        }
        eflags = f;
        lfMask = 0;
        return f;
    }

    /** Writes EFLAGS with no privilege filtering: bit 1 stays set, reserved bits clear. */
    public void setEflags(int v) {
        eflags = (v & 0x277FD7) | 0x2;
        lfMask = 0;
    }

    public boolean cf() {
        return (lfMask & CF) != 0 ? lazyCf() : (eflags & CF) != 0;
    }

    public boolean pf() {
        return (lfMask & PF) != 0 ? lazyPf() : (eflags & PF) != 0;
    }

    public boolean af() {
        return (lfMask & AF) != 0 ? lazyAf() : (eflags & AF) != 0;
    }

    public boolean zf() {
        return (lfMask & ZF) != 0 ? lazyZf() : (eflags & ZF) != 0;
    }

    public boolean sf() {
        return (lfMask & SF) != 0 ? lazySf() : (eflags & SF) != 0;
    }

    public boolean of() {
        return (lfMask & OF) != 0 ? lazyOf() : (eflags & OF) != 0;
    }

    public boolean df() {
        return (eflags & DF) != 0;
    }

    public boolean ifFlag() {
        return (eflags & IF) != 0;
    }

    public boolean tf() {
        return (eflags & TF) != 0;
    }

    /** Sets or clears one flag bit directly (any bit of EFLAGS). */
    public void setFlag(int bit, boolean on) {
        lfMask &= ~bit;
        if (on) {
            eflags |= bit;
        } else {
            eflags &= ~bit;
        }
    }

    /**
     * Records an arithmetic result for lazy evaluation. {@code size} is 1, 2 or 4 bytes;
     * {@code mask} is the set of OSZAPC flags it defines (INC and DEC leave CF alone).
     */
    public void setLazy(int op, int size, int a, int b, int r, int mask) {
        int keep = lfMask & ~mask;
        if (keep != 0) {
            // Flags of the previous operation that this one does not redefine must survive:
            // compute those (CF, for INC and DEC after arithmetic) and no others.
            materialize(keep);
        }
        lfOp = op;
        lfSize = size;
        lfA = a;
        lfB = b;
        lfR = r;
        lfMask = mask;
    }

    /** Computes the stale flags in {@code bits} from the last operation into eflags. */
    private void materialize(int bits) {
        int f = eflags & ~bits;
        if ((bits & CF) != 0 && lazyCf()) {
            f |= CF;
        }
        if ((bits & PF) != 0 && lazyPf()) {
            f |= PF;
        }
        if ((bits & AF) != 0 && lazyAf()) {
            f |= AF;
        }
        if ((bits & ZF) != 0 && lazyZf()) {
            f |= ZF;
        }
        if ((bits & SF) != 0 && lazySf()) {
            f |= SF;
        }
        if ((bits & OF) != 0 && lazyOf()) {
            f |= OF;
        }
        eflags = f;
        lfMask &= ~bits;
    }

    private int sizeMask() {
        return lfSize == 4 ? -1 : lfSize == 2 ? 0xFFFF : 0xFF;
    }

    private int signBit() {
        return lfSize == 4 ? 0x80000000 : lfSize == 2 ? 0x8000 : 0x80;
    }

    private boolean lazyCf() {
        int op = lfOp;
        if (op == LF_LOGIC || op == LF_RESULT) {
            return false;
        }
        int m = sizeMask();
        long a = lfA & m & 0xFFFFFFFFL;
        long b = lfB & m & 0xFFFFFFFFL;
        long r = lfR & m & 0xFFFFFFFFL;
        switch (op) {
            case LF_ADD:
                return r < a;
            case LF_ADC:
                return r <= a;
            case LF_SUB:
                return a < b;
            case LF_SBB:
                return a <= b;
            default:
                return false;
        }
    }

    private boolean lazyPf() {
        return (Integer.bitCount(lfR & 0xFF) & 1) == 0;
    }

    private boolean lazyAf() {
        if (lfOp == LF_LOGIC || lfOp == LF_RESULT) {
            return false;
        }
        return ((lfA ^ lfB ^ lfR) & 0x10) != 0;
    }

    private boolean lazyZf() {
        return (lfR & sizeMask()) == 0;
    }

    private boolean lazySf() {
        return (lfR & signBit()) != 0;
    }

    private boolean lazyOf() {
        int s = signBit();
        switch (lfOp) {
            case LF_ADD:
            case LF_ADC:
                return ((lfA ^ lfR) & (lfB ^ lfR) & s) != 0;
            case LF_SUB:
            case LF_SBB:
                return ((lfA ^ lfB) & (lfA ^ lfR) & s) != 0;
            default:
                return false;
        }
    }

    /** Tests condition code {@code cc} (the low nibble of Jcc/SETcc): O NO B NB E NE BE NBE S NS P NP L NL LE NLE. */
    public boolean condition(int cc) {
        boolean r;
        switch (cc >>> 1) {
            case 0: r = of(); break;
            case 1: r = cf(); break;
            case 2: r = zf(); break;
            case 3: r = cf() || zf(); break;
            case 4: r = sf(); break;
            case 5: r = pf(); break;
            case 6: r = sf() != of(); break;
            default: r = zf() || sf() != of(); break;
        }
        return (cc & 1) == 0 ? r : !r;
    }

    // ---------------------------------------------------------------- registers

    public int reg8(int r) {
        return r < 4 ? reg[r] & 0xFF : reg[r - 4] >>> 8 & 0xFF;
    }

    public void setReg8(int r, int v) {
        if (r < 4) {
            reg[r] = reg[r] & 0xFFFFFF00 | v & 0xFF;
        } else {
            reg[r - 4] = reg[r - 4] & 0xFFFF00FF | (v & 0xFF) << 8;
        }
    }

    public int reg16(int r) {
        return reg[r] & 0xFFFF;
    }

    public void setReg16(int r, int v) {
        reg[r] = reg[r] & 0xFFFF0000 | v & 0xFFFF;
    }

    public int getReg(int size, int r) {
        return size == 4 ? reg[r] : size == 2 ? reg[r] & 0xFFFF : reg8(r);
    }

    public void setReg(int size, int r, int v) {
        if (size == 4) {
            reg[r] = v;
        } else if (size == 2) {
            setReg16(r, v);
        } else {
            setReg8(r, v);
        }
    }

    // ---------------------------------------------------------------- operands

    /** The effective address (offset within the segment) of the ModRM memory operand. */
    public int ea(DecodedInsn d) {
        int a = d.disp;
        if (d.base >= 0) {
            a += reg[d.base];
        }
        if (d.index >= 0) {
            a += reg[d.index] << d.scale;
        }
        return d.a32 ? a : a & 0xFFFF;
    }

    /** Reads the r/m operand at the instruction's operand size. */
    public int getE(DecodedInsn d) {
        return getE(d, d.osize);
    }

    public int getE(DecodedInsn d, int size) {
        if (d.mod == 3) {
            return getReg(size, d.rm);
        }
        lastEa = ea(d);
        return read(size, d.seg, lastEa);
    }

    /** Writes the r/m operand; for memory, at the address the last {@link #getE} computed. */
    public void setE(DecodedInsn d, int v) {
        setE(d, d.osize, v);
    }

    public void setE(DecodedInsn d, int size, int v) {
        if (d.mod == 3) {
            setReg(size, d.rm, v);
        } else {
            write(size, d.seg, lastEa, v);
        }
    }

    /** Writes the r/m operand without reading it first (MOV, SETcc, POP Ev). */
    public void storeE(DecodedInsn d, int size, int v) {
        if (d.mod == 3) {
            setReg(size, d.rm, v);
        } else {
            lastEa = ea(d);
            write(size, d.seg, lastEa, v);
        }
    }

    /** Checks that the r/m memory operand is writable before a read-modify-write (no-op for registers). */
    public void checkWritableE(DecodedInsn d, int size) {
        if (d.mod != 3) {
            checkWrite(d.seg, ea(d), size);
        }
    }

    /**
     * The first operand of the row (E, G, a fixed register or an immediate) at the operation
     * size. For a memory operand this computes the address and remembers it for {@link #setOp1}.
     */
    public int getOp1(DecodedInsn d) {
        switch (d.k1) {
            case DecodedInsn.K_E:
                return getE(d, d.osize);
            case DecodedInsn.K_G:
            case DecodedInsn.K_REG:
                return getReg(d.osize, d.r1);
            case DecodedInsn.K_IMM:
                return d.imm;
            default:
                throw new IllegalStateException("no first operand: " + d.row);
        }
    }

    /** Writes the first operand; a memory operand goes to the address {@link #getOp1} computed. */
    public void setOp1(DecodedInsn d, int v) {
        if (d.k1 == DecodedInsn.K_E) {
            setE(d, d.osize, v);
        } else {
            setReg(d.osize, d.r1, v);
        }
    }

    /** Writes the first operand without reading it first (MOV): computes the address itself. */
    public void storeOp1(DecodedInsn d, int v) {
        if (d.k1 == DecodedInsn.K_E) {
            storeE(d, d.osize, v);
        } else {
            setReg(d.osize, d.r1, v);
        }
    }

    /** The second operand of the row at the operation size. */
    public int getOp2(DecodedInsn d) {
        switch (d.k2) {
            case DecodedInsn.K_E:
                return getE(d, d.osize);
            case DecodedInsn.K_G:
            case DecodedInsn.K_REG:
                return getReg(d.osize, d.r2);
            case DecodedInsn.K_IMM:
                return d.k1 == DecodedInsn.K_IMM ? d.imm2 : d.imm;
            default:
                throw new IllegalStateException("no second operand: " + d.row);
        }
    }

    public int getG(DecodedInsn d) {
        return getReg(d.osize, d.reg);
    }

    public void setG(DecodedInsn d, int v) {
        setReg(d.osize, d.reg, v);
    }

    // ---------------------------------------------------------------- segmented memory

    private CpuFault segFault(int s) {
        return fault(s == SS ? Exceptions.SS : Exceptions.GP, 0);
    }

    /** Linear address of seg:offset after the limit and type checks for a read of {@code size} bytes. */
    public int checkRead(int s, int off, int size) {
        Segment g = seg[s];
        long o = off & 0xFFFFFFFFL;
        if (!g.readable || o < g.lo || o + size - 1 > g.hi) {
            throw segFault(s);
        }
        return g.base + off;
    }

    public int checkWrite(int s, int off, int size) {
        Segment g = seg[s];
        long o = off & 0xFFFFFFFFL;
        if (!g.writable || o < g.lo || o + size - 1 > g.hi) {
            if (!protectedMode() && g.valid && o >= g.lo && o + size - 1 <= g.hi) {
                // Real mode ignores the type: a CS override may be written.
                return g.base + off;
            }
            throw segFault(s);
        }
        return g.base + off;
    }

    public boolean userAccess() {
        return cpl == 3;
    }

    public int read8(int s, int off) {
        return paging.read8(checkRead(s, off, 1), cpl == 3);
    }

    public int read16(int s, int off) {
        return paging.read16(checkRead(s, off, 2), cpl == 3);
    }

    public int read32(int s, int off) {
        return paging.read32(checkRead(s, off, 4), cpl == 3);
    }

    public void write8(int s, int off, int v) {
        paging.write8(checkWrite(s, off, 1), v, cpl == 3);
    }

    public void write16(int s, int off, int v) {
        paging.write16(checkWrite(s, off, 2), v, cpl == 3);
    }

    public void write32(int s, int off, int v) {
        paging.write32(checkWrite(s, off, 4), v, cpl == 3);
    }

    public int read(int size, int s, int off) {
        return size == 4 ? read32(s, off) : size == 2 ? read16(s, off) : read8(s, off);
    }

    public void write(int size, int s, int off, int v) {
        if (size == 4) {
            write32(s, off, v);
        } else if (size == 2) {
            write16(s, off, v);
        } else {
            write8(s, off, v);
        }
    }

    // ---------------------------------------------------------------- stack

    /** The stack pointer as an offset: ESP for a 32-bit stack segment, SP otherwise. */
    public int sp() {
        return stack32() ? reg[ESP] : reg[ESP] & 0xFFFF;
    }

    public void setSp(int v) {
        if (stack32()) {
            reg[ESP] = v;
        } else {
            setReg16(ESP, v);
        }
    }

    /** Pushes {@code size} bytes (2 or 4). ESP changes only if the write succeeds. */
    public void push(int size, int v) {
        int nsp = sp() - size;
        if (!stack32()) {
            nsp &= 0xFFFF;
        }
        write(size, SS, nsp, v);
        setSp(nsp);
    }

    public void push(DecodedInsn d, int v) {
        push(d.osize == 4 ? 4 : 2, v);
    }

    /** Reads the value at the top of the stack without moving ESP. */
    public int peek(int size, int depth) {
        int a = sp() + depth;
        if (!stack32()) {
            a &= 0xFFFF;
        }
        return read(size, SS, a);
    }

    public int pop(int size) {
        int v = peek(size, 0);
        setSp(sp() + size);
        return v;
    }

    // ---------------------------------------------------------------- I/O

    public int in(int port, int size) {
        return io.in(port & 0xFFFF, size);
    }

    public void out(int port, int size, int v) {
        io.out(port & 0xFFFF, size, v);
    }

    // ---------------------------------------------------------------- execution

    /** Executes one instruction, or takes one interrupt, or delivers one fault. */
    public void step() {
        if (state != State.RUNNING) {
            if (state == State.HALTED && ifFlag() && pic.intrPending()) {
                state = State.RUNNING;
            } else {
                return;
            }
        }
        if (!inhibitInterrupts && (eflags & IF) != 0 && pic.intrPending()) {
            int vector = pic.acknowledge();
            repResume = false;
            Interrupts.external(this, vector);
            return;
        }
        if (breakpointHook != null && breakpointHook.stopBefore(this)) {
            debuggerStop = true;
            exitLoop = true;
            return;
        }
        inhibitInterrupts = false;
        int start = eip;
        boolean rf = (eflags & RF) != 0;
        try {
            boolean trapAfter = (eflags & TF) != 0;
            if (debugActive) {
                DebugRegisters.checkInstruction(this);
            }
            DecodedInsn d = decoder.fetch(eip);
            nextEip = start + d.length;
            extraCycles = 0;
            // RF has done its job (suppressing the breakpoint check above); IRETD and task
            // switches may load it again.
            eflags &= ~RF;
            d.handler.exec(this, d);
            // No 16-bit wrap here: running off the end of a 64 KiB code segment is #GP on the
            // next fetch (386 manual 14.7). Branch handlers truncate their own targets.
            eip = nextEip;
            clock.advance(cycleAccounting ? (d.mod != 3 ? d.row.clkMem : d.row.clkReg) + extraCycles : 1);
            instructions++;
            if (trapAfter || pendingDebugTrap != 0) {
                repResume = false;
                DebugRegisters.trapAfterInstruction(this, trapAfter);
            }
        } catch (CpuFault f) {
            eip = start;
            // The instruction did not complete: no data-breakpoint trap, and RF is as it was.
            pendingDebugTrap = 0;
            if (rf) {
                eflags |= RF;
            }
            clock.advance(2);
            repResume = false;
            Interrupts.exception(this, f.vector, f.hasErrorCode, f.errorCode);
        }
    }

    /**
     * Runs until the clock reaches {@code deadline}, the CPU stops, or {@code maxInsns}
     * instructions retire: pre-decoded blocks where possible, single steps where needed
     * ({@link BlockRunner}).
     */
    public void runUntil(long deadline, long maxInsns) {
        runner.runUntil(deadline, maxInsns);
    }

    /** EFLAGS as stored, for the run loop's tests of TF, RF and IF (never lazily computed bits). */
    int rawEflags() {
        return eflags;
    }

    /** Register dump in the style of a monitor's {@code info registers}. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("EAX=%08X EBX=%08X ECX=%08X EDX=%08X%n", reg[EAX], reg[EBX], reg[ECX], reg[EDX]));
        sb.append(String.format("ESI=%08X EDI=%08X EBP=%08X ESP=%08X%n", reg[ESI], reg[EDI], reg[EBP], reg[ESP]));
        sb.append(String.format("EIP=%08X EFL=%08X CPL=%d %s%n", eip, getEflags(), cpl,
                v86() ? "V86" : protectedMode() ? "PM" : "RM"));
        String[] names = {"ES", "CS", "SS", "DS", "FS", "GS"};
        for (int i = 0; i < 6; i++) {
            sb.append(String.format("%s =%s%n", names[i], seg[i]));
        }
        sb.append(String.format("LDT=%s%nTR =%s%n", ldtr, tr));
        sb.append(String.format("GDT=     %08X %08X%nIDT=     %08X %08X%n", gdtrBase, gdtrLimit, idtrBase, idtrLimit));
        sb.append(String.format("CR0=%08X CR2=%08X CR3=%08X%n", cr0, cr2, cr3));
        sb.append(String.format("DR0=%08X DR1=%08X DR2=%08X DR3=%08X DR6=%08X DR7=%08X%n",
                dr[0], dr[1], dr[2], dr[3], dr[6], dr[7]));
        return sb.toString();
    }
}
