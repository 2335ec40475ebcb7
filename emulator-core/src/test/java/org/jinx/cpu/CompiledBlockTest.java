package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.BlockRunnerTest.HLT;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blocks compiled to bytecode ({@link BlockCompiler}) against the step loop: the same registers,
 * flags, memory, EIP, instruction count and clocks, including where an instruction in the
 * middle of a compiled block faults and where a block rewrites its own later instructions.
 */
class CompiledBlockTest {
    private static final int GDT = 0x5F00;
    private static final int IDT = 0x6000;
    private static final int HANDLER = CpuRig.CODE + 0x800;

    @Test
    void everySpecialisedFormAgreesWithTheStepLoopWhenCompiled() {
        for (int[] form : BlockRunnerTest.FORMS) {
            int[] code = new int[form.length + 1];
            System.arraycopy(form, 0, code, 0, form.length);
            code[form.length] = HLT;
            BlockRunnerTest.compare(code, 1, String.format("form %02X %02X", form[0], form.length > 1 ? form[1] : 0), 0);
        }
    }

    @Test
    void aLongBlockOfFormsAndGenericInstructionsAgreesWithTheStepLoopWhenCompiled() {
        List<Integer> bytes = new ArrayList<>();
        int insns = 0;
        for (int[] form : BlockRunnerTest.FORMS) {
            if (form[0] == 0x8D || form[0] == 0xBE) {
                continue;
            }
            for (int b : form) {
                bytes.add(b);
            }
            // MUL ECX (generic, charges early-out clocks), then MOV EBX, DATA (forms above write EBX)
            for (int b : new int[] {0xF7, 0xE1, 0xBB, CpuRig.DATA & 0xFF, CpuRig.DATA >> 8 & 0xFF, 0, 0}) {
                bytes.add(b);
            }
            insns += 3;
        }
        bytes.add(HLT);
        BlockRunnerTest.compare(bytes.stream().mapToInt(Integer::intValue).toArray(), insns, "sequence", 0);
    }

    /** Register-only forms (most of whose flags a later one redefines) and a few that read flags. */
    private static final int[][] REGISTER_FORMS = {
        {0x01, 0xC3}, {0x09, 0xC8}, {0x21, 0xD1}, {0x29, 0xC3}, {0x31, 0xD8}, {0x39, 0xC8}, {0x85, 0xC1},
        {0x83, 0xC0, 0x05}, {0x81, 0xE9, 0x78, 0x56, 0x34, 0x12}, {0x83, 0xF8, 0x7F}, {0x25, 0xF0, 0xF0, 0xF0, 0x0F},
        {0x0D, 0x01, 0x00, 0x00, 0x80}, {0x35, 0xFF, 0xFF, 0xFF, 0xFF}, {0x3D, 0x00, 0x00, 0x00, 0x80},
        {0xA9, 0x01, 0x00, 0x00, 0x00}, {0x05, 0xFF, 0xFF, 0xFF, 0x7F}, {0x2D, 0x01, 0x00, 0x00, 0x00},
        {0x89, 0xC8}, {0x8B, 0xD1}, {0xBE, 0x44, 0x33, 0x22, 0x11}, {0x40}, {0x4A}, {0xFF, 0xC1}, {0xFF, 0xCE},
        {0x8D, 0x44, 0x8B, 0x10}, {0x8D, 0x04, 0x8D, 0x10, 0, 0, 0}, {0x8D, 0x72, 0xFC}, {0x8D, 0x05, 1, 2, 3, 4},
        {0xC1, 0xC0, 0x05}, {0xC1, 0xC9, 0x1F}, {0xC1, 0xE2, 0x03}, {0xC1, 0xF2, 0x01}, {0xC1, 0xEB, 0x07},
        {0xC1, 0xFE, 0x1E}, {0xD1, 0xE0}, {0xD1, 0xF8}, {0xD1, 0xC6}, {0xD1, 0xCA},
        {0x11, 0xC8}, {0x83, 0xD6, 0x00}, {0x19, 0xD0}, {0x0F, 0x92, 0xC1}, {0x0F, 0x9C, 0xC2}, {0x9C, 0x58},
    };

    /**
     * Random runs of register-only forms in one block, which lets the compiler drop the flags of
     * all but the last instruction to set each flag, ended by a Jcc and HLT: the result must be
     * the step loop's, flags included, and the same when the instruction limit stops the block
     * early.
     */
    @Test
    void deadFlagsAreDroppedOnlyWhereNothingReadsThem() {
        java.util.Random rnd = new java.util.Random(42);
        for (int trial = 0; trial < 200; trial++) {
            List<Integer> bytes = new ArrayList<>();
            int insns = 0;
            int length = 1 + rnd.nextInt(30);
            for (int k = 0; k < length; k++) {
                int[] form = REGISTER_FORMS[rnd.nextInt(REGISTER_FORMS.length)];
                for (int b : form) {
                    bytes.add(b);
                }
                insns += form[0] == 0x9C ? 2 : 1; // PUSHFD ; POP EAX
            }
            bytes.addAll(List.of(0x70 + rnd.nextInt(16), 0x01, 0x41, HLT)); // Jcc over INC ECX
            int[] code = bytes.stream().mapToInt(Integer::intValue).toArray();
            for (int seed = 0; seed < 2; seed++) {
                CpuRig compiled = BlockRunnerTest.rig(code, seed);
                compiled.cpu.compileAfter = 0;
                CpuRig steps = BlockRunnerTest.rig(code, seed);
                compiled.cpu.runUntil(Long.MAX_VALUE, 1000);
                steps.step(insns + 1);
                if (steps.cpu.state != Cpu.State.HALTED) {
                    steps.step(1);
                    steps.step(1);
                }
                assertThat(compiled.cpu.state).isEqualTo(Cpu.State.HALTED);
                BlockRunnerTest.assertSameState(compiled, steps, "trial " + trial + " seed " + seed);
                assertThat(compiled.cpu.instructions).isEqualTo(steps.cpu.instructions);
            }
        }
    }

    /**
     * CMP, SUB and TEST (register and immediate forms) followed by each Jcc run fused in a
     * compiled block: taken or not, EIP, flags and clocks as in the step loop, for operand pairs
     * at the edges of every condition (equal, signed and unsigned order apart, overflow, sign,
     * parity).
     */
    @Test
    void aCompareFusedWithItsJccAgreesWithTheStepLoop() {
        int[][] pairs = {{0, 0}, {1, 2}, {2, 1}, {-1, 1}, {1, -1}, {Integer.MIN_VALUE, 1}, {Integer.MAX_VALUE, -1},
            {0x80, 0x80}, {0x7F, 0x7E}, {0x12345678, 0x12345678}, {0xF0, 0x0F}, {-5, -7}};
        int[][] compares = {{0x39, 0xD8}, {0x29, 0xD8}, {0x85, 0xD8}, {0x3D, 0, 0, 0, 0}, {0x2D, 0, 0, 0, 0},
            {0xA9, 0, 0, 0, 0}};
        for (int[] cmp : compares) {
            for (int cc = 0; cc < 16; cc++) {
                for (int wide = 0; wide < 2; wide++) {
                    for (int[] p : pairs) {
                        List<Integer> bytes = new ArrayList<>();
                        for (int k = 0; k < cmp.length; k++) {
                            // the immediate forms take EBX's value as their immediate
                            bytes.add(k == 0 || cmp.length == 2 ? cmp[k] : p[1] >>> 8 * (k - 1) & 0xFF);
                        }
                        if (wide == 0) {
                            bytes.addAll(List.of(0x70 + cc, 0x01));
                        } else {
                            bytes.addAll(List.of(0x0F, 0x80 + cc, 0x01, 0, 0, 0));
                        }
                        bytes.addAll(List.of(0x40, HLT));
                        int[] code = bytes.stream().mapToInt(Integer::intValue).toArray();
                        CpuRig compiled = BlockRunnerTest.rig(code, 1);
                        compiled.cpu.compileAfter = 0;
                        CpuRig steps = BlockRunnerTest.rig(code, 1);
                        for (CpuRig r : new CpuRig[] {compiled, steps}) {
                            r.set(Cpu.EAX, p[0]).set(Cpu.EBX, p[1]);
                        }
                        compiled.cpu.runUntil(Long.MAX_VALUE, 100);
                        steps.run();
                        steps.step(1);
                        String what = String.format("%02X J%X %s %d,%d", cmp[0], cc, wide == 0 ? "Jb" : "Jv", p[0], p[1]);
                        assertThat(compiled.cpu.state).as(what).isEqualTo(Cpu.State.HALTED);
                        BlockRunnerTest.assertSameState(compiled, steps, what);
                    }
                }
            }
        }
    }

    /** The tight benchmark's loop, 1000 times: its block is compiled after 256 runs. */
    @Test
    void aLoopThatBecomesHotAgreesWithTheStepLoop() {
        // mov ecx, 1000 ; 1: add eax,ebx ; xor edx,eax ; rol ebx,5 ; sub ebx,edx ;
        // lea esi,[eax+edx*2+7] ; and esi,7FFFFFFF ; or ebx,esi ; inc edx ; dec ecx ; jnz 1b ; hlt
        int[] code = {0xB9, 0xE8, 0x03, 0, 0, 0x01, 0xD8, 0x31, 0xC2, 0xC1, 0xC3, 0x05, 0x29, 0xD3,
            0x8D, 0x74, 0x50, 0x07, 0x81, 0xE6, 0xFF, 0xFF, 0xFF, 0x7F, 0x09, 0xF3, 0x42, 0x49, 0x75, 0xE7, HLT};
        CpuRig compiled = BlockRunnerTest.rig(code, 5);
        compiled.cpu.compileAfter = 256;
        CpuRig steps = BlockRunnerTest.rig(code, 5);
        compiled.cpu.runUntil(Long.MAX_VALUE, 1_000_000);
        steps.step(1 + 10 * 1000 + 1);
        assertThat(compiled.cpu.instructions).isEqualTo(1 + 10 * 1000 + 1);
        assertThat(compiled.cpu.state).isEqualTo(Cpu.State.HALTED);
        BlockRunnerTest.assertSameState(compiled, steps, "tight loop");
    }

    /**
     * DIV by zero (#DE) and a load past the ES limit (#GP) in the middle of a compiled block,
     * after instructions that changed registers and flags and a MUL that charged extra clocks:
     * the fault is taken at the faulting instruction, with the state and clocks of those before.
     */
    @Test
    void aFaultInTheMiddleOfACompiledBlockRestartsAtTheFaultingInstruction() {
        int[][] faulting = {
            {0xF7, 0xF5},                                  // DIV EBP (EBP = 0): #DE
            {0x26, 0x8B, 0x05, 0x00, 0x00, 0x02, 0x00},    // MOV EAX, ES:[20000h] past the limit: #GP(0)
        };
        for (int[] fault : faulting) {
            List<Integer> bytes = new ArrayList<>(List.of(0x40, 0x01, 0xD9, 0xF7, 0xE1, 0x43));
            for (int b : fault) {
                bytes.add(b);
            }
            bytes.addAll(List.of(0x41, 0x42, HLT)); // never reached
            int[] code = bytes.stream().mapToInt(Integer::intValue).toArray();
            for (int seed = 0; seed < 4; seed++) {
                CpuRig compiled = faultRig(code, seed);
                compiled.cpu.compileAfter = 0;
                CpuRig steps = faultRig(code, seed);
                compiled.cpu.runUntil(Long.MAX_VALUE, 100);
                steps.step(4 + 1 + 1); // four instructions, the fault's delivery, the handler's HLT
                String what = String.format("fault %02X seed %d", fault[0], seed);
                assertThat(compiled.cpu.state).as(what).isEqualTo(Cpu.State.HALTED);
                assertThat(compiled.cpu.eip).as(what).isEqualTo(HANDLER + 1);
                assertThat(compiled.cpu.instructions).as(what).isEqualTo(steps.cpu.instructions);
                // The pushed EIP is the faulting instruction's.
                int esp = compiled.reg(Cpu.ESP);
                assertThat(compiled.peek32(esp + (fault[0] == 0x26 ? 4 : 0))).as(what).isEqualTo(CpuRig.CODE + 6);
                BlockRunnerTest.assertSameState(compiled, steps, what);
            }
        }
    }

    /** A 16-bit loop in real mode, compiled after its first run: the 16-bit forms run generic. */
    @Test
    void aRealModeLoopAgreesWithTheStepLoopWhenCompiled() {
        // mov cx, 300 ; 1: add ax, bx ; xor dx, ax ; rol bx, 3 ; lea si, [bx+di+5] ; inc dx ;
        // add eax, ebx (66 prefix) ; dec cx ; jnz 1b ; hlt
        int[] code = {0xB9, 0x2C, 0x01, 0x01, 0xD8, 0x31, 0xC2, 0xC1, 0xC3, 0x03, 0x8D, 0x71, 0x05, 0x42,
            0x66, 0x01, 0xD8, 0x49, 0x75, 0xEF, HLT};
        CpuRig compiled = realRig(code);
        compiled.cpu.compileAfter = 0;
        CpuRig steps = realRig(code);
        compiled.cpu.runUntil(Long.MAX_VALUE, 100_000);
        steps.step(1 + 8 * 300 + 1);
        assertThat(compiled.cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(compiled.cpu.instructions).isEqualTo(1 + 8 * 300 + 1);
        BlockRunnerTest.assertSameState(compiled, steps, "real-mode loop");
    }

    private static CpuRig realRig(int[] code) {
        CpuRig r = CpuRig.real();
        r.code(code);
        r.set(Cpu.EAX, 0x12345678).set(Cpu.EBX, 0x9ABCDEF0).set(Cpu.EDX, 0x0F0F0F0F).set(Cpu.EDI, 0x1111);
        return r;
    }

    /**
     * As BlockRunnerTest's byte store over a later instruction of the same block, with a dword
     * store through a base register (a compiled memory form) and a load after it.
     */
    @Test
    void aCompiledDwordStoreOverALaterInstructionRunsTheNewOne() {
        // MOV ESI, CODE+32 ; MOV DWORD [ESI+8], 90909040h ; MOV EDX, [ESI+8] ; NOPs ;
        // at CODE+40: INC ECX and three NOPs, patched to INC EAX and three NOPs ; HLT
        List<Integer> code = new ArrayList<>(List.of(0xBE, CpuRig.CODE + 32 & 0xFF, CpuRig.CODE + 32 >> 8 & 0xFF, 0, 0,
                0xC7, 0x46, 0x08, 0x40, 0x90, 0x90, 0x90, 0x8B, 0x56, 0x08));
        while (code.size() < 40) {
            code.add(0x90);
        }
        code.addAll(List.of(0x41, 0x90, 0x90, 0x90, HLT));
        CpuRig r = BlockRunnerTest.rig(code.stream().mapToInt(Integer::intValue).toArray(), 2);
        r.cpu.compileAfter = 0;
        int eax = r.reg(Cpu.EAX);
        int ecx = r.reg(Cpu.ECX);
        r.cpu.runUntil(Long.MAX_VALUE, 1000);
        assertThat(r.cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(eax + 1);
        assertThat(r.reg(Cpu.ECX)).isEqualTo(ecx);
        assertThat(r.reg(Cpu.EDX)).isEqualTo(0x90909040);
        assertThat(r.cpu.instructions).isEqualTo(3 + 25 + 4 + 1);
    }

    /** Two machines running the same bytes share the compiled class; each still runs its own state. */
    @Test
    void twoMachinesRunningTheSameCodeEachGetTheirOwnResults() {
        int[] code = {0x01, 0xD8, 0x31, 0xC2, 0x42, 0x49, HLT};
        CpuRig a = BlockRunnerTest.rig(code, 11);
        CpuRig b = BlockRunnerTest.rig(code, 12);
        CpuRig stepsB = BlockRunnerTest.rig(code, 12);
        a.cpu.compileAfter = 0;
        b.cpu.compileAfter = 0;
        a.cpu.runUntil(Long.MAX_VALUE, 100);
        b.cpu.runUntil(Long.MAX_VALUE, 100);
        stepsB.step(5);
        assertThat(b.cpu.state).isEqualTo(Cpu.State.HALTED);
        BlockRunnerTest.assertSameState(b, stepsB, "second machine");
        assertThat(a.reg(Cpu.EAX)).isNotEqualTo(b.reg(Cpu.EAX));
    }

    /** A rig with a GDT, an IDT whose every gate leads to a HLT, EBP = 0 and ES limited to 64 KiB. */
    private static CpuRig faultRig(int[] code, int seed) {
        CpuRig r = BlockRunnerTest.rig(code, seed);
        Cpu c = r.cpu;
        // null, 08h flat 32-bit code, 10h flat data
        c.mem.write32(GDT + 8, 0x0000FFFF);
        c.mem.write32(GDT + 12, 0x00CF9B00);
        c.mem.write32(GDT + 16, 0x0000FFFF);
        c.mem.write32(GDT + 20, 0x00CF9300);
        c.gdtrBase = GDT;
        c.gdtrLimit = 23;
        for (int v = 0; v < 32; v++) {
            c.mem.write32(IDT + v * 8, 0x08 << 16 | HANDLER & 0xFFFF);
            c.mem.write32(IDT + v * 8 + 4, HANDLER & 0xFFFF0000 | 0x8E00);
        }
        c.idtrBase = IDT;
        c.idtrLimit = 32 * 8 - 1;
        c.mem.write8(HANDLER, HLT);
        c.seg[Cpu.ES].set(0x10, 0, 0xFFFF, 0x93, false);
        r.set(Cpu.EBP, 0);
        return r;
    }
}
