package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clocks charged for one instruction, against the 80386 Programmer's Reference Manual, chapter
 * 17. Each line is a byte sequence, the manual's count and the instruction's name; a line runs
 * one step on a {@link CpuRig} and compares the {@code clock.cycles()} delta.
 *
 * <p>Our model of the manual's "+m" (components of the next instruction, charged by taken
 * branches and far transfers) is m = 1. To add a line, write it in the list of its mode. A line
 * where the emulator is known to differ from the manual carries {@link Line#pending} with the
 * reason: it is reported as skipped while the difference lasts and fails once it is gone, so
 * the note is removed with the fix.
 *
 * <p>Registers before every line (unless the line's setup changes them): EAX 0x12, EBX DATA,
 * ECX 3, EDX 0, ESI DATA+0x100, EDI DATA+0x200, EBP DATA+0x300, ESP STACK_TOP, all flags
 * clear, the data area zero. In flat protected mode a GDT holds the selectors 08 (code) and 10
 * (data); CPL 0 and IOPL 0, so I/O is allowed without the permission bitmap.
 */
class TimingTest {
    private static final int DATA = CpuRig.DATA;
    private static final int GDT = 0x0600;
    /** The outer-level stack pointer the far returns pop. */
    private static final int STACK = 0x6F00;

    // Known differences from the manual, each reported to the owner of the handler: none now.

    /**
     * One line of the table: what it is, the code bytes, the manual's clocks, a setup, for a
     * known difference between the emulator and the manual why ({@code null} otherwise), and
     * whether a software interrupt goes through the IDT (otherwise the test's trap sink takes
     * it, as it takes every fault: only the clocks matter).
     */
    record Line(String what, int[] code, int clocks, Consumer<Cpu> setup, String pending, boolean viaIdt) {
        /** Marks a known difference: reported as skipped while it lasts, a failure once it is gone. */
        Line pending(String why) {
            return new Line(what, code, clocks, setup, why, viaIdt);
        }

        /** Delivers the line's INT n, INT3 or INTO through the IDT, whose gate decides the clocks. */
        Line throughIdt() {
            return new Line(what, code, clocks, setup, pending, true);
        }

        /** The same line with {@code first} run before its own setup. */
        Line withSetup(Consumer<Cpu> first) {
            return new Line(what, code, clocks, first.andThen(setup), pending, viaIdt);
        }

        @Override
        public String toString() {
            return what + " = " + clocks;
        }
    }

    private static Line t(String hex, int clocks, String what) {
        return t(hex, clocks, what, c -> { });
    }

    private static Line t(String hex, int clocks, String what, Consumer<Cpu> setup) {
        String[] parts = hex.trim().split("\\s+");
        int[] code = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            code[i] = Integer.parseInt(parts[i], 16);
        }
        return new Line(what, code, clocks, setup, null, false);
    }

    private static Consumer<Cpu> reg(int r, int v) {
        return c -> c.reg[r] = v;
    }

    private static Consumer<Cpu> flags(int f) {
        return c -> c.setEflags(f);
    }

    private static Consumer<Cpu> mem32(int addr, int v) {
        return c -> c.mem.write32(addr, v);
    }

    /** A byte-granular data segment (base 0, limit 0xFFFF) at GDT slot {@code sel}. */
    private static Consumer<Cpu> byteGranularData(int sel) {
        return c -> {
            c.mem.write32(GDT + sel, 0x0000FFFF);
            c.mem.write32(GDT + sel + 4, 0x00009300);
            c.gdtrLimit = Math.max(c.gdtrLimit, sel + 7);
        };
    }

    /** A far pointer (offset, then selector) in the data area, for the m16:32 forms. */
    private static Consumer<Cpu> farPointer(int offset, int selector) {
        return c -> {
            c.mem.write32(DATA, offset);
            c.mem.write16(DATA + 4, selector);
        };
    }

    /** Dwords on the stack, the first on top: a far return's EIP, CS, and so on. */
    private static Consumer<Cpu> stack(int... values) {
        return c -> TimingSystem.stack(c, values);
    }

    /** The stack holds {@code v} on top: the return address of RET, the value of POP. */
    private static Consumer<Cpu> onStack(int v) {
        return c -> {
            c.reg[Cpu.ESP] -= 4;
            c.mem.write32(c.reg[Cpu.ESP], v);
        };
    }

    static Stream<Line> flat32() {
        return Stream.of(
            // ADD/ADC/SUB/SBB/AND/OR/XOR: 2 register, 7 memory destination, 6 memory source.
            t("01 D8", 2, "ADD EAX,EBX"),
            t("01 03", 7, "ADD [EBX],EAX"),
            t("03 03", 6, "ADD EAX,[EBX]"),
            t("05 78 56 34 12", 2, "ADD EAX,imm32"),
            t("81 03 78 56 34 12", 7, "ADD DWORD [EBX],imm32"),
            t("83 C0 01", 2, "ADD EAX,imm8"),
            t("80 03 01", 7, "ADD BYTE [EBX],imm8"),
            t("11 D8", 2, "ADC EAX,EBX"),
            t("19 03", 7, "SBB [EBX],EAX"),
            t("21 D8", 2, "AND EAX,EBX"),
            t("29 03", 7, "SUB [EBX],EAX"),
            t("31 C0", 2, "XOR EAX,EAX"),
            t("0B 03", 6, "OR EAX,[EBX]"),
            t("0C 01", 2, "OR AL,imm8"),
            // CMP and TEST write no memory: 5 with a memory r/m, 6 for CMP reg,mem.
            t("39 D8", 2, "CMP EAX,EBX"),
            t("39 03", 5, "CMP [EBX],EAX"),
            t("3B 03", 6, "CMP EAX,[EBX]"),
            t("83 3B 01", 5, "CMP DWORD [EBX],imm8"),
            t("3D 78 56 34 12", 2, "CMP EAX,imm32"),
            t("85 D8", 2, "TEST EAX,EBX"),
            t("85 03", 5, "TEST [EBX],EAX"),
            t("F7 C0 01 00 00 00", 2, "TEST EAX,imm32"),
            t("F7 03 01 00 00 00", 5, "TEST DWORD [EBX],imm32"),
            t("A8 01", 2, "TEST AL,imm8"),
            // INC, DEC, NEG, NOT: 2 register, 6 memory.
            t("40", 2, "INC EAX"),
            t("FF 03", 6, "INC DWORD [EBX]"),
            t("FE C0", 2, "INC AL"),
            t("4B", 2, "DEC EBX"),
            t("FE 0B", 6, "DEC BYTE [EBX]"),
            t("F7 D8", 2, "NEG EAX"),
            t("F7 1B", 6, "NEG DWORD [EBX]"),
            t("F7 D0", 2, "NOT EAX"),
            t("F6 13", 6, "NOT BYTE [EBX]"),
            // MUL/IMUL early out: max(ceiling(log2 |m|), 3) + 6, 9 for m = 0, +3 from memory.
            t("F7 E1", 9, "MUL ECX (m = 3)"),
            t("F7 E1", 9, "MUL ECX (m = 0)", reg(Cpu.ECX, 0)),
            t("F7 E1", 14, "MUL ECX (m = 0x100)", reg(Cpu.ECX, 0x100)),
            t("F7 E1", 38, "MUL ECX (m = 0xFFFFFFFF)", reg(Cpu.ECX, -1)),
            t("F7 23", 17, "MUL DWORD [EBX] (m = 0x100)", mem32(DATA, 0x100)),
            t("F6 E1", 9, "MUL CL (m = 3)"),
            t("0F AF C1", 16, "IMUL EAX,ECX (m = -1000)", reg(Cpu.ECX, -1000)),
            t("6B C0 10", 10, "IMUL EAX,EAX,16"),
            t("69 C0 00 00 01 00", 22, "IMUL EAX,EAX,0x10000"),
            t("F7 E9", 9, "IMUL ECX (m = 3)"),
            // DIV and IDIV: fixed counts by operand size.
            t("F6 F1", 14, "DIV CL"),
            t("66 F7 F1", 22, "DIV CX"),
            t("F7 F1", 38, "DIV ECX"),
            t("F7 33", 41, "DIV DWORD [EBX]", mem32(DATA, 3)),
            t("F6 F9", 19, "IDIV CL"),
            t("66 F7 F9", 27, "IDIV CX"),
            t("F7 F9", 43, "IDIV ECX"),
            t("F7 3B", 46, "IDIV DWORD [EBX]", mem32(DATA, 3)),
            t("F6 3B", 22, "IDIV BYTE [EBX]", mem32(DATA, 3)),
            // Shifts and rotates 3/7; RCL and RCR 9/10; SHLD and SHRD 3/7.
            t("D1 E0", 3, "SHL EAX,1"),
            t("D3 E0", 3, "SHL EAX,CL"),
            t("C1 E8 04", 3, "SHR EAX,4"),
            t("D1 23", 7, "SHL DWORD [EBX],1"),
            t("D1 C0", 3, "ROL EAX,1"),
            t("D1 F8", 3, "SAR EAX,1"),
            t("D1 D0", 9, "RCL EAX,1"),
            t("D1 13", 10, "RCL DWORD [EBX],1"),
            t("C1 D8 03", 9, "RCR EAX,3"),
            t("0F A4 D8 04", 3, "SHLD EAX,EBX,4"),
            t("0F A5 03", 7, "SHLD [EBX],EAX,CL"),
            t("0F AC D8 04", 3, "SHRD EAX,EBX,4"),
            // Decimal adjust.
            t("27", 4, "DAA"),
            t("2F", 4, "DAS"),
            t("37", 4, "AAA"),
            t("3F", 4, "AAS"),
            t("D4 0A", 17, "AAM"),
            t("D5 0A", 19, "AAD"),
            // Bit tests 3/12 (register offset), 3/6 (immediate); BTS/BTR/BTC 6/13 and 6/8.
            t("0F A3 C8", 3, "BT EAX,ECX"),
            t("0F A3 03", 12, "BT [EBX],EAX"),
            t("0F BA E0 05", 3, "BT EAX,5"),
            t("0F BA 23 05", 6, "BT DWORD [EBX],5"),
            t("0F AB C8", 6, "BTS EAX,ECX"),
            t("0F AB 03", 13, "BTS [EBX],EAX"),
            t("0F BA 2B 05", 8, "BTS DWORD [EBX],5"),
            t("0F B3 03", 13, "BTR [EBX],EAX"),
            t("0F BB C8", 6, "BTC EAX,ECX"),
            // BSF/BSR: 10 + 3n, n the zero bits scanned past.
            t("0F BC C1", 19, "BSF EAX,ECX (ECX = 8)", reg(Cpu.ECX, 8)),
            t("0F BD C1", 13, "BSR EAX,ECX (ECX = 0x40000000)", reg(Cpu.ECX, 0x40000000)),
            t("0F 94 C0", 4, "SETE AL"),
            t("0F 94 03", 5, "SETE BYTE [EBX]"),
            // Data movement.
            t("89 D8", 2, "MOV EAX,EBX"),
            t("89 03", 2, "MOV [EBX],EAX"),
            t("8B 03", 4, "MOV EAX,[EBX]"),
            t("8A 03", 4, "MOV AL,[EBX]"),
            t("B8 78 56 34 12", 2, "MOV EAX,imm32"),
            t("B1 05", 2, "MOV CL,imm8"),
            t("C7 03 78 56 34 12", 2, "MOV DWORD [EBX],imm32"),
            t("A1 00 80 00 00", 4, "MOV EAX,moffs32"),
            t("A3 00 80 00 00", 2, "MOV moffs32,EAX"),
            t("8D 44 98 10", 2, "LEA EAX,[EAX+EBX*4+0x10]"),
            t("0F B6 C3", 3, "MOVZX EAX,BL"),
            t("0F B6 03", 6, "MOVZX EAX,BYTE [EBX]"),
            t("0F BF 03", 6, "MOVSX EAX,WORD [EBX]"),
            t("87 D8", 3, "XCHG EAX,EBX (ModRM)"),
            t("87 03", 5, "XCHG [EBX],EAX"),
            t("93", 3, "XCHG EAX,EBX"),
            t("90", 3, "NOP"),
            t("98", 3, "CWDE"),
            t("99", 2, "CDQ"),
            t("D7", 5, "XLAT"),
            t("9F", 2, "LAHF"),
            t("9E", 3, "SAHF"),
            t("8C D8", 2, "MOV EAX,DS"),
            t("8C 1B", 2, "MOV [EBX],DS"),
            t("8E D8", 18, "MOV DS,AX (protected mode)", reg(Cpu.EAX, 0x10)),
            t("8E 1B", 19, "MOV DS,[EBX] (protected mode)", mem32(DATA, 0x10)),
            t("1F", 21, "POP DS (protected mode)", onStack(0x10)),
            t("C5 03", 22, "LDS EAX,[EBX] (protected mode)", mem32(DATA + 4, 0x10)),
            // More protected-mode segment loads: MOV SS 18/19, POP Sreg 21, LES/LSS 22, LFS/LGS 25.
            t("8E D0", 18, "MOV SS,AX (protected mode)", reg(Cpu.EAX, 0x10)),
            t("8E 23", 19, "MOV FS,[EBX] (protected mode)", mem32(DATA, 0x10)),
            t("07", 21, "POP ES (protected mode)", onStack(0x10)),
            t("17", 21, "POP SS (protected mode)", onStack(0x10)),
            t("0F A9", 21, "POP GS (protected mode)", onStack(0x10)),
            t("C4 03", 22, "LES EAX,[EBX] (protected mode)", mem32(DATA + 4, 0x10)),
            t("0F B2 03", 22, "LSS EAX,[EBX] (protected mode)", mem32(DATA + 4, 0x10)),
            t("0F B4 03", 25, "LFS EAX,[EBX] (protected mode)", mem32(DATA + 4, 0x10)),
            t("0F B5 03", 25, "LGS EAX,[EBX] (protected mode)", mem32(DATA + 4, 0x10)),
            // Stack.
            t("50", 2, "PUSH EAX"),
            t("FF 33", 5, "PUSH DWORD [EBX]"),
            t("6A 01", 2, "PUSH imm8"),
            t("68 78 56 34 12", 2, "PUSH imm32"),
            t("06", 2, "PUSH ES"),
            t("0F A0", 2, "PUSH FS"),
            t("58", 4, "POP EAX"),
            t("8F 03", 5, "POP DWORD [EBX]"),
            t("60", 18, "PUSHAD"),
            t("61", 24, "POPAD"),
            t("9C", 4, "PUSHFD"),
            t("9D", 5, "POPFD", onStack(0x2)),
            t("C8 10 00 00", 10, "ENTER 16,0"),
            t("C8 10 00 01", 12, "ENTER 16,1"),
            t("C8 10 00 03", 23, "ENTER 16,3 (15 + 4(L-1))"),
            t("C9", 4, "LEAVE", reg(Cpu.EBP, CpuRig.STACK_TOP - 8)),
            // Flag control.
            t("F8", 2, "CLC"),
            t("F9", 2, "STC"),
            t("F5", 2, "CMC"),
            t("FC", 2, "CLD"),
            t("FD", 2, "STD"),
            t("FA", 3, "CLI"),
            t("FB", 3, "STI"),
            // Near branches: 3 not taken, 7+m taken.
            t("74 05", 3, "JE rel8 (not taken)"),
            t("74 05", 8, "JE rel8 (taken)", flags(Cpu.ZF)),
            t("0F 84 00 01 00 00", 3, "JE rel32 (not taken)"),
            t("0F 84 00 01 00 00", 8, "JE rel32 (taken)", flags(Cpu.ZF)),
            t("EB 05", 8, "JMP rel8"),
            t("E9 00 01 00 00", 8, "JMP rel32"),
            t("FF E1", 8, "JMP ECX"),
            t("FF 23", 11, "JMP DWORD [EBX]", mem32(DATA, CpuRig.CODE)),
            t("E8 00 01 00 00", 8, "CALL rel32"),
            t("FF D1", 8, "CALL ECX"),
            t("FF 13", 11, "CALL DWORD [EBX]", mem32(DATA, CpuRig.CODE)),
            t("C3", 11, "RET", onStack(CpuRig.CODE)),
            t("C2 08 00", 11, "RET 8", onStack(CpuRig.CODE)),
            t("E2 05", 12, "LOOP (taken)"),
            t("E2 05", 11, "LOOP (count ends)", reg(Cpu.ECX, 1)),
            t("E3 05", 10, "JECXZ (taken)", reg(Cpu.ECX, 0)),
            t("E3 05", 5, "JECXZ (not taken)"),
            // String instructions, and REP forms: base + per-iteration count times ECX (3).
            t("A4", 7, "MOVSB"),
            t("F3 A4", 17, "REP MOVSB (5 + 4n)"),
            t("F3 A4", 5, "REP MOVSB, ECX = 0 (the base alone)", reg(Cpu.ECX, 0)),
            t("AA", 4, "STOSB"),
            t("F3 AB", 20, "REP STOSD (5 + 5n)"),
            t("AC", 5, "LODSB"),
            t("F3 AC", 23, "REP LODSB (5 + 6n)"),
            t("A6", 10, "CMPSB"),
            t("F3 A6", 32, "REPE CMPSB, all equal (5 + 9n)"),
            t("F3 A6", 14, "REPE CMPSB, first differs (5 + 9n, n = 1)", mem32(DATA + 0x100, 1)),
            t("AE", 7, "SCASB"),
            t("F2 AE", 29, "REPNE SCASB, no match (5 + 8n)"),
            t("F3 AF", 29, "REPE SCASD, all equal (5 + 8n)", reg(Cpu.EAX, 0)),
            // I/O in protected mode with CPL <= IOPL.
            t("E4 60", 6, "IN AL,imm8 (protected mode)"),
            t("EC", 7, "IN AL,DX (protected mode)"),
            t("E6 60", 4, "OUT imm8,AL (protected mode)"),
            t("EE", 5, "OUT DX,AL (protected mode)"),
            t("6C", 9, "INSB (protected mode)"),
            t("6E", 8, "OUTSB (protected mode)"),
            t("F3 6C", 25, "REP INSB (protected mode, 7 + 6n)"),
            t("F3 6E", 21, "REP OUTSB (protected mode, 6 + 5n)"),
            // System instructions.
            t("0F 20 C0", 6, "MOV EAX,CR0"),
            t("0F 22 C0", 10, "MOV CR0,EAX", c -> c.reg[Cpu.EAX] = c.cr0),
            t("0F 20 D0", 6, "MOV EAX,CR2"),
            t("0F 20 D8", 6, "MOV EAX,CR3"),
            t("0F 22 D0", 4, "MOV CR2,EAX"),
            t("0F 22 D8", 5, "MOV CR3,EAX"),
            t("0F 21 C0", 22, "MOV EAX,DR0"),
            t("0F 21 D8", 22, "MOV EAX,DR3"),
            t("0F 21 F0", 14, "MOV EAX,DR6"),
            t("0F 21 F8", 14, "MOV EAX,DR7"),
            t("0F 23 C0", 22, "MOV DR0,EAX"),
            t("0F 23 F0", 16, "MOV DR6,EAX"),
            t("0F 23 F8", 16, "MOV DR7,EAX", reg(Cpu.EAX, 0x400)),
            t("0F 24 F0", 12, "MOV EAX,TR6"),
            t("0F 06", 5, "CLTS"),
            t("F4", 5, "HLT"),
            t("0F 01 03", 9, "SGDT [EBX]"),
            t("0F 01 13", 11, "LGDT [EBX]", mem32(DATA, 0x17 | GDT << 16)),
            t("0F 01 E0", 2, "SMSW EAX"),
            t("0F 01 23", 3, "SMSW [EBX]"),
            t("0F 01 F0", 10, "LMSW AX", c -> c.reg[Cpu.EAX] = c.cr0),
            t("0F 00 C0", 2, "SLDT EAX"),
            t("0F 00 C8", 23, "STR AX (the manual's count)"),
            // LAR, LSL, VERR, VERW: 15/16, 20/21 (25/26 for a page-granular limit), 10/11, 15/16.
            t("0F 02 C0", 15, "LAR EAX,AX", reg(Cpu.EAX, 0x10)),
            t("0F 02 03", 16, "LAR EAX,[EBX]", mem32(DATA, 0x10)),
            t("0F 03 C0", 25, "LSL EAX,AX (page granular)", reg(Cpu.EAX, 0x08)),
            t("0F 03 03", 26, "LSL EAX,[EBX] (page granular)", mem32(DATA, 0x08)),
            t("0F 03 C0", 20, "LSL EAX,AX (byte granular)", byteGranularData(0x18).andThen(reg(Cpu.EAX, 0x18))),
            t("0F 03 03", 21, "LSL EAX,[EBX] (byte granular)", byteGranularData(0x18).andThen(mem32(DATA, 0x18))),
            t("0F 00 E0", 10, "VERR AX", reg(Cpu.EAX, 0x10)),
            t("0F 00 23", 11, "VERR [EBX]", mem32(DATA, 0x10)),
            t("0F 00 E8", 15, "VERW AX", reg(Cpu.EAX, 0x10)),
            t("0F 00 2B", 16, "VERW [EBX]", mem32(DATA, 0x10)),
            t("63 C0", 20, "ARPL AX,AX"),
            t("62 03", 10, "BOUND EAX,[EBX] (in bounds)", mem32(DATA + 4, 0x100)),
            t("9B", 6, "WAIT"));
    }

    static Stream<Line> real() {
        return Stream.of(
            t("8E D8", 2, "MOV DS,AX"),
            t("8E 1F", 5, "MOV DS,[BX]"),
            t("1F", 7, "POP DS", c -> {
                c.reg[Cpu.ESP] -= 2;
                c.mem.write16(c.reg[Cpu.ESP], 0x40);
            }),
            t("C5 07", 7, "LDS AX,[BX]"),
            t("E4 60", 12, "IN AL,imm8"),
            t("EC", 13, "IN AL,DX"),
            t("E6 60", 10, "OUT imm8,AL"),
            t("EE", 11, "OUT DX,AL"),
            t("6C", 15, "INSB"),
            t("6E", 14, "OUTSB"),
            t("F3 6C", 31, "REP INSB (13 + 6n)"),
            t("F3 6E", 41, "REP OUTSB (5 + 12n)"),
            t("EA 00 20 00 00", 13, "JMP ptr16:16 (12+m)"),
            t("9A 00 20 00 00", 18, "CALL ptr16:16 (17+m)"),
            t("FF 2F", 18, "JMP m16:16 (17+m)", mem32(DATA, 0x2000)),
            t("FF 1F", 23, "CALL m16:16 (22+m)", mem32(DATA, 0x2000)),
            t("CB", 19, "RETF (18+m)", c -> {
                c.reg[Cpu.ESP] -= 4;
                c.mem.write32(c.reg[Cpu.ESP], 0x2000);
            }),
            t("CA 04 00", 19, "RETF 4 (18+m)", c -> {
                c.reg[Cpu.ESP] -= 4;
                c.mem.write32(c.reg[Cpu.ESP], 0x2000);
            }),
            // INT n, INT3 and INTO through the interrupt vector table.
            t("CD 21", 37, "INT 0x21"),
            t("CD 21", 37, "INT 0x21 (through the IVT)").throughIdt(),
            t("CC", 33, "INT3"),
            t("CE", 35, "INTO (OF set)", flags(Cpu.OF)),
            t("CE", 35, "INTO (OF set, through the IVT)", flags(Cpu.OF)).throughIdt(),
            t("CE", 3, "INTO (OF clear)"),
            t("CF", 22, "IRET", c -> {
                c.reg[Cpu.ESP] -= 6;
                c.mem.write16(c.reg[Cpu.ESP], 0x2000);
                c.mem.write16(c.reg[Cpu.ESP] + 2, 0);
                c.mem.write16(c.reg[Cpu.ESP] + 4, 0x2);
            }),
            t("66 F7 E1", 9, "MUL ECX with 66 (m = 3)"),
            t("F7 E1", 9, "MUL CX (m = 3)"),
            t("A5", 7, "MOVSW"),
            t("F3 A5", 17, "REP MOVSW (5 + 4n)"),
            t("F3 AC", 23, "REP LODSB (5 + 6n)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flat32")
    void clocksInFlatProtectedMode(Line line) {
        assertClocks(line, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("real")
    void clocksInRealMode(Line line) {
        assertClocks(line, false);
    }

    /** Far transfers in protected mode, from CPL 0 in the flat segments unless the line says otherwise. */
    static Stream<Line> farTransfers() {
        Consumer<Cpu> ring3 = TimingSystem::ring3;
        Consumer<Cpu> v86 = TimingSystem::v86;
        int code = CpuRig.CODE;
        return Stream.of(
            // To a code segment at the same level: JMP 27+m, 31+m; CALL 34+m, 38+m; RETF 32+m.
            t("EA 00 10 00 00 08 00", 28, "JMP ptr16:32 (27+m)"),
            t("FF 2B", 32, "JMP m16:32 (31+m)", farPointer(code, TimingSystem.CODE0)),
            t("9A 00 10 00 00 08 00", 35, "CALL ptr16:32 (34+m)"),
            t("FF 1B", 39, "CALL m16:32 (38+m)", farPointer(code, TimingSystem.CODE0)),
            t("CB", 33, "RETF (32+m)", stack(code, TimingSystem.CODE0)),
            t("CA 08 00", 33, "RETF 8 (32+m)", stack(code, TimingSystem.CODE0)),
            // RETF and IRET to an outer level: 68 and 82, no m.
            t("CB", 68, "RETF to CPL 3 (68)", stack(code, TimingSystem.CODE3, STACK, TimingSystem.DATA3)),
            t("CF", 38, "IRETD, same level (38)", stack(code, TimingSystem.CODE0, 0x2)),
            t("CF", 82, "IRETD to CPL 3 (82)", stack(code, TimingSystem.CODE3, 0x2, STACK, TimingSystem.DATA3)),
            t("CF", 60, "IRETD to virtual-8086 mode (60)", stack(code, 0, Cpu.VM | 0x2, STACK, 0, 0, 0, 0, 0)),
            // Through a call gate: JMP 45+m, 49+m; CALL to the same level 52+m, 56+m; to an inner
            // level 86+m without parameters, 94+4x+m with x, 90+m and 98+4x+m from memory.
            t("EA 00 00 00 00 40 00", 46, "JMP ptr16:32 through a call gate (45+m)"),
            t("FF 2B", 50, "JMP m16:32 through a call gate (49+m)", farPointer(0, TimingSystem.CALL_GATE)),
            t("9A 00 00 00 00 40 00", 53, "CALL ptr16:32 through a call gate, same level (52+m)"),
            t("FF 1B", 57, "CALL m16:32 through a call gate, same level (56+m)",
                    farPointer(0, TimingSystem.CALL_GATE)),
            t("9A 00 00 00 00 43 00", 87, "CALL ptr16:32 through a call gate, CPL 3 to 0 (86+m)", ring3),
            t("9A 00 00 00 00 4B 00", 103, "CALL through a call gate, CPL 3 to 0, 2 parameters (94+4x+m)", ring3),
            t("FF 1B", 91, "CALL m16:32 through a call gate, CPL 3 to 0 (90+m)",
                    ring3.andThen(farPointer(0, TimingSystem.CALL_GATE | 3))),
            // INT n, INT3, INTO through an interrupt gate: 59 at the same level, 99 to an inner
            // level, 119 from virtual-8086 mode.
            t("CD 21", 59, "INT 0x21, same level (59)").throughIdt(),
            t("CC", 59, "INT3, same level (59)").throughIdt(),
            t("CE", 59, "INTO with OF set, same level (59)", flags(Cpu.OF)).throughIdt(),
            t("CD 21", 99, "INT 0x21 from CPL 3 (99)", ring3).throughIdt(),
            t("CD 21", 119, "INT 0x21 from virtual-8086 mode (119)", v86).throughIdt(),
            // Task switches from a 386 task: ts = 309 to a 386 task, 282 to a 286 task, 226 to
            // a 386 task in virtual-8086 mode; the m16:32 forms take 5 more.
            t("EA 00 00 00 00 30 00", 309, "JMP ptr16:32 to a TSS (ts)"),
            t("FF 2B", 314, "JMP m16:32 to a TSS (5+ts)", farPointer(0, TimingSystem.TSS_B)),
            t("EA 00 00 00 00 50 00", 309, "JMP ptr16:32 through a task gate (ts)"),
            t("9A 00 00 00 00 30 00", 309, "CALL ptr16:32 to a TSS (ts)"),
            t("FF 1B", 314, "CALL m16:32 through a task gate (5+ts)", farPointer(0, TimingSystem.TASK_GATE)),
            t("EA 00 00 00 00 38 00", 282, "JMP ptr16:32 to a 286 TSS (ts)"),
            t("EA 00 00 00 00 58 00", 226, "JMP ptr16:32 to a task in virtual-8086 mode (ts)"),
            t("CD 22", 309, "INT 0x22 through a task gate (ts)").throughIdt(),
            t("CF", 309, "IRETD with NT set, to the linked task (ts)", c -> TimingSystem.nestedInB(c, GDT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("farTransfers")
    void clocksOfFarTransfersInProtectedMode(Line line) {
        assertClocks(line.withSetup(c -> TimingSystem.install(c, GDT)), true);
    }

    private static void assertClocks(Line line, boolean protectedMode) {
        CpuRig rig = protectedMode ? CpuRig.flat32() : CpuRig.real();
        Cpu cpu = rig.cpu;
        standardState(cpu, protectedMode);
        line.setup().accept(cpu);
        rig.code(line.code());
        int[] fault = {-1};
        cpu.trapSink = (c, kind, vector, hasError, code) -> {
            // INT3 and INTO are traps the instruction itself raises: not a failure.
            if (kind == TrapSink.Kind.EXCEPTION && vector != Exceptions.BP && vector != Exceptions.OF) {
                fault[0] = vector;
            }
            // Faults stop here, and software interrupts unless the line goes through the IDT.
            return !(line.viaIdt() && kind == TrapSink.Kind.SOFTWARE);
        };
        long before = cpu.clock.cycles();
        cpu.step();
        long clocks = cpu.clock.cycles() - before;
        assertThat(fault[0]).as("%s raised %s", line.what(), Exceptions.name(fault[0])).isEqualTo(-1);
        if (line.pending() != null) {
            assertThat(clocks).as("%s now takes the manual's %d clocks: remove its pending note", line.what(),
                    line.clocks()).isNotEqualTo(line.clocks());
            Assumptions.abort(line.what() + ": " + clocks + " clocks, manual " + line.clocks() + "; known: "
                    + line.pending());
        }
        assertThat(clocks).as(line.what()).isEqualTo(line.clocks());
    }

    private static void standardState(Cpu cpu, boolean protectedMode) {
        cpu.reg[Cpu.EAX] = 0x12;
        cpu.reg[Cpu.EBX] = DATA;
        cpu.reg[Cpu.ECX] = 3;
        cpu.reg[Cpu.EDX] = 0;
        cpu.reg[Cpu.ESI] = DATA + 0x100;
        cpu.reg[Cpu.EDI] = DATA + 0x200;
        cpu.reg[Cpu.EBP] = DATA + 0x300;
        cpu.reg[Cpu.ESP] = CpuRig.STACK_TOP;
        cpu.setEflags(0x2);
        if (protectedMode) {
            // Null, 08 flat 32-bit code, 10 flat data: what the rig's segment registers hold.
            cpu.mem.write32(GDT + 8, 0x0000FFFF);
            cpu.mem.write32(GDT + 12, 0x00CF9B00);
            cpu.mem.write32(GDT + 16, 0x0000FFFF);
            cpu.mem.write32(GDT + 20, 0x00CF9300);
            cpu.gdtrBase = GDT;
            cpu.gdtrLimit = 23;
        }
    }
}
