package org.jinx.conformance;

import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.Segment;
import org.jinx.cpu.TrapSink;

/**
 * Jinx set up as the native runner's process sees the machine: flat 32-bit protected mode at
 * CPL 3 with Linux's user selectors, ES and FS based at the buffer, and paging that maps only
 * the buffer and the code page, so a stray access faults here as it does natively. The first
 * exception is caught through {@link Cpu#trapSink} and ends the run.
 */
final class JinxHost implements TrapSink {
    private static final int PAGE_DIR = 0x00100000;
    private static final int PAGE_TABLE = 0x00101000;
    /** Linux's GDT as user code sees it: 16 entries, user code 0x23, user data 0x2B, TLS 0x63. */
    private static final int GDT = 0x00102000;
    private static final int GDT_LIMIT = 16 * 8 - 1;
    /** No sequence runs this long; a run that does is reported, not waited for. */
    private static final int STEP_LIMIT = 100_000;

    private final Machine machine = new Machine(4 << 20, 33_000_000L);
    private final Cpu cpu = machine.cpu;
    private int trapVector;
    private int trapCode;

    JinxHost() {
        var mem = machine.mem;
        mem.write32(PAGE_DIR, PAGE_TABLE | 7);
        for (int page = Layout.BUF; page < Layout.BUF + Layout.BUF_SIZE; page += 4096) {
            mem.write32(PAGE_TABLE + (page >>> 12) * 4, page | 7);
        }
        mem.write32(PAGE_TABLE + (Layout.CODE >>> 12) * 4, Layout.CODE | 7);
        mem.write32(PAGE_TABLE + (GDT >>> 12) * 4, GDT | 3); // supervisor only
        descriptor(Layout.USER_CS, 0, 0xFFFFF, 0xFB, 0xC);
        descriptor(Layout.USER_DS, 0, 0xFFFFF, 0xF3, 0xC);
        descriptor(Layout.BUF_SELECTOR, Layout.BUF, 0xFFFF, 0xF3, 0x4);
        cpu.gdtrBase = GDT;
        cpu.gdtrLimit = GDT_LIMIT;
        cpu.ldtr.loadNull(0);
        cpu.cr3 = PAGE_DIR;
        cpu.cr0 |= Cpu.CR0_PE | Cpu.CR0_PG;
        cpu.paging.flush();
        // A 386 TSS too short to hold an I/O map base: with IOPL 0, every port is refused at CPL 3.
        cpu.tr.set(0x40, 0, 0x63, 0x8B, false);
        cpu.trapSink = this;
    }

    /** Writes the GDT entry for {@code selector}: base, 20-bit limit, access byte, G/D nibble. */
    private void descriptor(int selector, int base, int limit, int access, int flags) {
        int at = GDT + (selector & ~7);
        machine.mem.write32(at, (base & 0xFFFF) << 16 | limit & 0xFFFF);
        machine.mem.write32(at + 4, base & 0xFF000000 | flags << 20 | limit & 0xF0000 | access << 8 | base >>> 16 & 0xFF);
    }

    @Override
    public boolean trap(Cpu c, Kind kind, int vector, boolean hasErrorCode, int errorCode) {
        if (trapVector < 0) {
            trapVector = vector;
            trapCode = hasErrorCode ? errorCode : 0;
        }
        return true;
    }

    Outcome run(TestCase tc) {
        byte[] initial = Layout.fill(tc.memSeed);
        byte[] ram = machine.mem.ram();
        System.arraycopy(initial, 0, ram, Layout.BUF, Layout.BUF_SIZE);
        byte[] code = tc.code();
        machine.mem.load(Layout.CODE, code, 0, code.length);
        setUpRegisters(tc);
        int end = Layout.CODE + code.length;
        trapVector = -1;
        Outcome o = new Outcome();
        try {
            for (int steps = 0; cpu.eip != end && trapVector < 0; steps++) {
                if (steps == STEP_LIMIT || cpu.state != Cpu.State.RUNNING) {
                    o.problem = steps == STEP_LIMIT ? "Jinx did not reach the end in " + STEP_LIMIT + " steps"
                            : "Jinx stopped: " + cpu.state + (cpu.shutdownReason != null ? " " + cpu.shutdownReason : "");
                    break;
                }
                cpu.step();
            }
        } catch (RuntimeException e) {
            o.problem = "Jinx threw " + e;
        }
        o.vector = trapVector;
        o.errorCode = trapCode;
        o.cr2 = cpu.cr2;
        System.arraycopy(cpu.reg, 0, o.regs, 0, 8);
        o.eip = cpu.eip;
        o.eflags = cpu.getEflags();
        int n = 0;
        for (int i = 0; i < Layout.BUF_SIZE; i++) {
            if (ram[Layout.BUF + i] != initial[i]) {
                n++;
            }
        }
        o.changes = new int[n];
        n = 0;
        for (int i = 0; i < Layout.BUF_SIZE; i++) {
            if (ram[Layout.BUF + i] != initial[i]) {
                o.changes[n++] = i << 8 | ram[Layout.BUF + i] & 0xFF;
            }
        }
        return o;
    }

    private void setUpRegisters(TestCase tc) {
        System.arraycopy(tc.regs, 0, cpu.reg, 0, 8);
        cpu.setEflags(tc.eflags);
        cpu.eip = Layout.CODE;
        cpu.cpl = 3;
        cpu.state = Cpu.State.RUNNING;
        cpu.inhibitInterrupts = false;
        cpu.cr2 = 0;
        userSegment(cpu.seg[Cpu.CS], Layout.USER_CS, 0, 0xFFFFFFFF, 0xFB);
        userSegment(cpu.seg[Cpu.SS], Layout.USER_DS, 0, 0xFFFFFFFF, 0xF3);
        userSegment(cpu.seg[Cpu.DS], Layout.USER_DS, 0, 0xFFFFFFFF, 0xF3);
        cpu.seg[Cpu.GS].loadNull(0); // Linux starts a 32-bit process with GS null
        userSegment(cpu.seg[Cpu.ES], Layout.BUF_SELECTOR, Layout.BUF, 0xFFFF, 0xF3);
        userSegment(cpu.seg[Cpu.FS], Layout.BUF_SELECTOR, Layout.BUF, 0xFFFF, 0xF3);
    }

    private static void userSegment(Segment s, int selector, int base, int limit, int access) {
        s.set(selector, base, limit, access, true);
    }
}
