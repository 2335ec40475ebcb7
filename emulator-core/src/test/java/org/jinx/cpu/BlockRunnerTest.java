package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block runner ({@link Cpu#runUntil}) against the step loop ({@link Cpu#step}): the same
 * code from the same state must leave the same registers, flags and memory, whichever handlers
 * (form-specialised or generic) ran; and the things the runner decides between blocks
 * (instruction limit, self-modifying code) must come out as in the step loop.
 */
class BlockRunnerTest {
    static final int HLT = 0xF4;

    /** 32-bit encodings that have specialised handlers, with EBX pointing at DATA. */
    static final int[][] FORMS = {
        {0x01, 0xC3}, {0x09, 0xC8}, {0x21, 0xD1}, {0x29, 0xC3}, {0x31, 0xD8}, {0x39, 0xC8}, {0x85, 0xC1},
        {0x03, 0x03}, {0x2B, 0x0B}, {0x33, 0x13}, {0x3B, 0x03}, {0x0B, 0x03}, {0x23, 0x03},
        {0x83, 0xC0, 0x05}, {0x81, 0xE9, 0x78, 0x56, 0x34, 0x12}, {0x83, 0xF8, 0x7F}, {0x25, 0xF0, 0xF0, 0xF0, 0x0F},
        {0x0D, 0x01, 0x00, 0x00, 0x80}, {0x35, 0xFF, 0xFF, 0xFF, 0xFF}, {0x3D, 0x00, 0x00, 0x00, 0x80},
        {0xA9, 0x01, 0x00, 0x00, 0x00}, {0x05, 0xFF, 0xFF, 0xFF, 0x7F}, {0x2D, 0x01, 0x00, 0x00, 0x00},
        {0x89, 0xC8}, {0x8B, 0xD1}, {0xBE, 0x44, 0x33, 0x22, 0x11}, {0x8B, 0x03}, {0x89, 0x0B},
        {0xC7, 0x03, 0xEF, 0xBE, 0xAD, 0xDE}, {0xA1, 0x04, 0x80, 0x00, 0x00}, {0xA3, 0x08, 0x80, 0x00, 0x00},
        {0x40}, {0x4A}, {0xFF, 0xC1}, {0xFF, 0xCE}, {0x8D, 0x44, 0x8B, 0x10},
        {0x11, 0xC8}, {0x83, 0xD6, 0x00}, {0x19, 0xD0},
        {0xC1, 0xC0, 0x05}, {0xC1, 0xC9, 0x1F}, {0xC1, 0xE2, 0x03}, {0xC1, 0xF2, 0x01}, {0xC1, 0xEB, 0x07},
        {0xC1, 0xFE, 0x1E}, {0xD1, 0xE0}, {0xD1, 0xF8}, {0xD1, 0xC6}, {0xD1, 0xCA}, {0xC1, 0xE0, 0x20},
        {0x50}, {0x54}, {0x5A}, {0x5C}, {0x68, 0x01, 0x02, 0x03, 0x04}, {0x6A, 0xF0},
        {0x0F, 0xB6, 0xC1}, {0x0F, 0xB6, 0xC5}, {0x0F, 0xB7, 0xD3}, {0x0F, 0xBE, 0xC7}, {0x0F, 0xBF, 0xC1},
        {0x0F, 0xB6, 0x03}, {0x0F, 0xB7, 0x0B}, {0x0F, 0xBE, 0x43, 0x05}, {0x0F, 0xBF, 0x53, 0x07},
        {0x8A, 0x23}, {0x8A, 0x43, 0x03}, {0x88, 0x3B}, {0x88, 0x63, 0x09},
    };

    /** CALL rel32 into a callee that returns with RET and RET imm16, compared with the step loop. */
    @Test
    void callAndReturnAgreeWithTheStepLoop() {
        // call f ; call g ; hlt ; f: inc eax ; ret ; g: inc ecx ; ret 4
        int[] code = {0xE8, 0x06, 0, 0, 0, 0xE8, 0x03, 0, 0, 0, HLT, 0x40, 0xC3, 0x41, 0xC2, 0x04, 0x00};
        for (int seed = 0; seed < 8; seed++) {
            CpuRig blocks = rig(code, seed);
            CpuRig steps = rig(code, seed);
            blocks.cpu.runUntil(Long.MAX_VALUE, 100);
            steps.step(7);
            assertThat(blocks.cpu.state).isEqualTo(Cpu.State.HALTED);
            assertThat(blocks.cpu.instructions).isEqualTo(7);
            assertSameState(blocks, steps, "call/ret seed " + seed);
            assertThat(blocks.peek32(CpuRig.STACK_TOP - 4)).isEqualTo(steps.peek32(CpuRig.STACK_TOP - 4));
        }
    }

    /** Jcc forms, each jumping over one INC EAX when taken; the flags come from a CMP first. */
    @Test
    void everyConditionalJumpAgreesWithTheStepLoop() {
        for (int cc = 0; cc < 16; cc++) {
            for (int wide = 0; wide < 2; wide++) {
                int[] code = wide == 0
                        ? new int[] {0x39, 0xD8, 0x70 + cc, 0x01, 0x40, HLT}
                        : new int[] {0x39, 0xD8, 0x0F, 0x80 + cc, 0x01, 0, 0, 0, 0x40, HLT};
                for (int seed = 0; seed < 8; seed++) {
                    CpuRig blocks = rig(code, seed);
                    CpuRig steps = rig(code, seed);
                    blocks.cpu.runUntil(Long.MAX_VALUE, 100);
                    steps.run();
                    steps.step(1);
                    assertThat(blocks.cpu.state).isEqualTo(Cpu.State.HALTED);
                    assertSameState(blocks, steps, String.format("J%X %s seed %d", cc, wide == 0 ? "Jb" : "Jv", seed));
                }
            }
        }
    }

    static CpuRig rig(int[] code, int seed) {
        CpuRig r = CpuRig.flat32();
        r.cpu.compileAfter = -1; // the interpreter's loop; CompiledBlockTest covers the compiled form
        r.code(code);
        Random rnd = new Random(seed);
        for (int i = 0; i < 8; i++) {
            if (i != Cpu.ESP) {
                r.set(i, rnd.nextInt());
            }
        }
        r.set(Cpu.EBX, CpuRig.DATA);
        r.set(Cpu.ECX, rnd.nextInt(16));
        for (int i = 0; i < 16; i++) {
            r.poke32(CpuRig.DATA + 4 * i, rnd.nextInt());
        }
        r.cpu.setEflags(rnd.nextBoolean() ? Cpu.CF : 0);
        return r;
    }

    static void assertSameState(CpuRig blocks, CpuRig steps, String what) {
        for (int i = 0; i < 8; i++) {
            assertThat(blocks.reg(i)).as(what + " register " + i).isEqualTo(steps.reg(i));
        }
        assertThat(blocks.flags()).as(what + " EFLAGS").isEqualTo(steps.flags());
        assertThat(blocks.cpu.eip).as(what + " EIP").isEqualTo(steps.cpu.eip);
        for (int i = 0; i < 16; i++) {
            assertThat(blocks.peek32(CpuRig.DATA + 4 * i)).as(what + " memory").isEqualTo(steps.peek32(CpuRig.DATA + 4 * i));
        }
        assertThat(blocks.machine.clock.cycles()).as(what + " cycles").isEqualTo(steps.machine.clock.cycles());
    }

    /** Runs {@code insns} instructions and a HLT both ways and compares. */
    private static void compare(int[] code, int insns, String what) {
        compare(code, insns, what, -1);
    }

    /** As {@link #compare(int[], int, String)}, with blocks compiled after {@code compileAfter} runs. */
    static void compare(int[] code, int insns, String what, int compileAfter) {
        for (int seed = 0; seed < 8; seed++) {
            CpuRig blocks = rig(code, seed);
            blocks.cpu.compileAfter = compileAfter;
            CpuRig steps = rig(code, seed);
            blocks.cpu.runUntil(Long.MAX_VALUE, insns + 1);
            steps.step(insns + 1);
            assertThat(blocks.cpu.instructions).as(what).isEqualTo(insns + 1);
            assertThat(blocks.cpu.state).as(what).isEqualTo(Cpu.State.HALTED);
            assertSameState(blocks, steps, what + " seed " + seed);
        }
    }

    @Test
    void everySpecialisedFormAgreesWithTheStepLoop() {
        for (int[] form : FORMS) {
            int[] code = new int[form.length + 1];
            System.arraycopy(form, 0, code, 0, form.length);
            code[form.length] = HLT;
            compare(code, 1, String.format("form %02X %02X", form[0], form.length > 1 ? form[1] : 0));
        }
    }

    @Test
    void aSequenceOfFormsKeepsTheCarryThroughIncAndDec() {
        List<Integer> bytes = new ArrayList<>();
        for (int[] form : FORMS) {
            if (form[0] == 0x8D || form[0] == 0xBE) {
                continue; // keep EBX (the data pointer) and the rest meaningful; LEA is checked alone
            }
            for (int b : form) {
                bytes.add(b);
            }
            bytes.add(0xBB); // MOV EBX, DATA again: some forms above write EBX
            bytes.add(CpuRig.DATA & 0xFF);
            bytes.add(CpuRig.DATA >> 8 & 0xFF);
            bytes.add(0);
            bytes.add(0);
        }
        bytes.add(HLT);
        int[] code = bytes.stream().mapToInt(Integer::intValue).toArray();
        compare(code, 2 * (FORMS.length - 2), "sequence");
    }

    @Test
    void instructionLimitIsExactInsideABlock() {
        int[] nops = new int[21];
        java.util.Arrays.fill(nops, 0x90);
        nops[20] = HLT;
        CpuRig r = rig(nops, 1);
        r.cpu.runUntil(Long.MAX_VALUE, 5);
        assertThat(r.cpu.instructions).isEqualTo(5);
        assertThat(r.cpu.eip).isEqualTo(CpuRig.CODE + 5);
    }

    /** In the block loop (compileAfter -1) and in a block compiled before its first run (0). */
    @ParameterizedTest
    @ValueSource(ints = {-1, 0})
    void aStoreOverALaterInstructionOfTheSameBlockTakesEffect(int compileAfter) {
        // MOV BYTE [CODE+40], 0x40 ; 33 NOPs ; at CODE+40: INC ECX (41), patched to INC EAX (40) ; HLT
        List<Integer> code = new ArrayList<>(List.of(0xC6, 0x05, CpuRig.CODE + 40 & 0xFF, CpuRig.CODE + 40 >> 8 & 0xFF,
                0, 0, 0x40));
        while (code.size() < 40) {
            code.add(0x90);
        }
        code.add(0x41);
        code.add(HLT);
        CpuRig r = rig(code.stream().mapToInt(Integer::intValue).toArray(), 2);
        r.cpu.compileAfter = compileAfter;
        int eax = r.reg(Cpu.EAX);
        int ecx = r.reg(Cpu.ECX);
        r.cpu.runUntil(Long.MAX_VALUE, 1000);
        assertThat(r.cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(eax + 1);
        assertThat(r.reg(Cpu.ECX)).isEqualTo(ecx);
        assertThat(r.cpu.instructions).isEqualTo(1 + 33 + 1 + 1);
    }

    @Test
    void aDataWriteOutsideTheCodeLinesKeepsTheDecodedPage() {
        // MOV [CODE+0x10], EAX ; HLT: the 16 bytes right after the code's, as a program's data
        // aligned after its code often are.
        CpuRig r = rig(new int[] {0xA3, CpuRig.CODE + 0x10 & 0xFF, CpuRig.CODE + 0x10 >> 8 & 0xFF, 0, 0, HLT}, 3);
        r.cpu.runUntil(Long.MAX_VALUE, 1000);
        assertThat(r.peek32(CpuRig.CODE + 0x10)).isEqualTo(r.reg(Cpu.EAX));
        assertThat(r.cpu.decodeCache.invalidations).isZero();
    }

    @Test
    void aResetByAPortWriteStartsAtTheResetVectorInBothLoops() {
        // OUT 92h, AL with a device that resets the CPU, as port 92h bit 0 does on a PC.
        for (boolean blocks : new boolean[] {true, false}) {
            CpuRig r = rig(new int[] {0xE6, 0x92, 0x90, HLT}, 4);
            r.machine.io.register(0x92, 1, new org.jinx.bus.IoPortHandler() {
                @Override
                public int read(int port, int size) {
                    return 0;
                }

                @Override
                public void write(int port, int size, int value) {
                    r.cpu.reset();
                }
            }, "reset");
            if (blocks) {
                r.cpu.runUntil(Long.MAX_VALUE, 1);
            } else {
                r.step(1);
            }
            assertThat(r.cpu.eip).as(blocks ? "blocks" : "steps").isEqualTo(0xFFF0);
            assertThat(r.cpu.seg[Cpu.CS].base).isEqualTo(0xFFFF0000);
        }
    }
}
