package org.jinx.cpu.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clock counts in the opcode table against chapter 17 of the 80386 Programmer's Reference
 * Manual, without executing anything. Each expectation is (opcode, ModRM.reg for a group or -1,
 * register-form clocks, memory-form clocks, and where the manual gives one the second count the
 * table keeps in {@code clkAlt}: taken branch, per REP iteration, or protected mode). Where the
 * manual gives a range (MUL, IMUL) or a formula (BSF 10+3n, ENTER) the table holds the minimum.
 */
class ClockTableTest {
    private static final int NONE = -1;
    private static final int NO_ALT = -1;

    private record Expect(int opcode, int groupReg, int reg, int mem, int alt, String what) {
    }

    private final List<Expect> manual = new ArrayList<>();

    private void m(int opcode, int groupReg, int reg, int mem, String what) {
        manual.add(new Expect(opcode, groupReg, reg, mem, NO_ALT, what));
    }

    private void m(int opcode, int groupReg, int reg, int mem, int alt, String what) {
        manual.add(new Expect(opcode, groupReg, reg, mem, alt, what));
    }

    private void fillFromTheManual() {
        String[] alu = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
        for (int op = 0; op < 8; op++) {
            boolean cmp = op == 7;
            // r/m,reg 2/7 (CMP 2/5); reg,r/m 2/6; acc,imm 2; r/m,imm 2/7 (CMP 2/5).
            int memDst = cmp ? 5 : 7;
            m(op << 3, NONE, 2, memDst, alu[op] + " Eb,Gb");
            m(op << 3 | 1, NONE, 2, memDst, alu[op] + " Ev,Gv");
            m(op << 3 | 2, NONE, 2, 6, alu[op] + " Gb,Eb");
            m(op << 3 | 3, NONE, 2, 6, alu[op] + " Gv,Ev");
            m(op << 3 | 4, NONE, 2, 2, alu[op] + " AL,Ib");
            m(op << 3 | 5, NONE, 2, 2, alu[op] + " eAX,Iv");
            for (int g : new int[] {0x80, 0x81, 0x83}) {
                m(g, op, 2, memDst, alu[op] + " Ev,I");
            }
        }
        for (int r = 0; r < 8; r++) {
            m(0x40 + r, NONE, 2, 2, "INC r");
            m(0x48 + r, NONE, 2, 2, "DEC r");
            m(0x50 + r, NONE, 2, 2, "PUSH r");
            m(0x58 + r, NONE, 4, 4, "POP r");
            m(0xB0 + r, NONE, 2, 2, "MOV r8,imm8");
            m(0xB8 + r, NONE, 2, 2, "MOV r,imm");
        }
        for (int r = 1; r < 8; r++) {
            m(0x90 + r, NONE, 3, 3, "XCHG eAX,r");
        }
        for (int cc = 0; cc < 16; cc++) {
            m(0x70 + cc, NONE, 3, 3, 7, "Jcc rel8: 3 not taken, 7+m taken");
            m(0x180 + cc, NONE, 3, 3, 7, "Jcc rel32");
            m(0x190 + cc, NONE, 4, 5, "SETcc");
        }
        int[] shifts = {0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3};
        for (int g : shifts) {
            for (int reg : new int[] {0, 1, 4, 5, 7}) {
                m(g, reg, 3, 7, "ROL/ROR/SHL/SHR/SAR");
            }
            m(g, 2, 9, 10, "RCL");
            m(g, 3, 9, 10, "RCR");
        }
        // Data movement.
        m(0x88, NONE, 2, 2, "MOV Eb,Gb");
        m(0x89, NONE, 2, 2, "MOV Ev,Gv");
        m(0x8A, NONE, 2, 4, "MOV Gb,Eb");
        m(0x8B, NONE, 2, 4, "MOV Gv,Ev");
        m(0x8C, NONE, 2, 2, "MOV Ew,Sreg");
        m(0x8E, NONE, 2, 5, 18, "MOV Sreg,Ew: 2/5, pm 18/19");
        m(0xC6, 0, 2, 2, "MOV Eb,Ib");
        m(0xC7, 0, 2, 2, "MOV Ev,Iv");
        m(0xA0, NONE, 4, 4, "MOV AL,moffs");
        m(0xA1, NONE, 4, 4, "MOV eAX,moffs");
        m(0xA2, NONE, 2, 2, "MOV moffs,AL");
        m(0xA3, NONE, 2, 2, "MOV moffs,eAX");
        m(0x8D, NONE, 2, 2, "LEA");
        m(0x86, NONE, 3, 5, "XCHG Eb,Gb");
        m(0x87, NONE, 3, 5, "XCHG Ev,Gv");
        m(0x1B6, NONE, 3, 6, "MOVZX Gv,Eb");
        m(0x1B7, NONE, 3, 6, "MOVZX Gv,Ew");
        m(0x1BE, NONE, 3, 6, "MOVSX Gv,Eb");
        m(0x1BF, NONE, 3, 6, "MOVSX Gv,Ew");
        m(0x98, NONE, 3, 3, "CBW/CWDE");
        m(0x99, NONE, 2, 2, "CWD/CDQ");
        m(0xD7, NONE, 5, 5, "XLAT");
        m(0xC4, NONE, 7, 7, 22, "LES: 7, pm 22");
        m(0xC5, NONE, 7, 7, 22, "LDS");
        m(0x1B2, NONE, 7, 7, 22, "LSS");
        m(0x1B4, NONE, 7, 7, 25, "LFS: 7, pm 25");
        m(0x1B5, NONE, 7, 7, 25, "LGS");
        // Stack.
        m(0x06, NONE, 2, 2, "PUSH ES");
        m(0x07, NONE, 7, 7, 21, "POP ES: 7, pm 21");
        m(0x17, NONE, 7, 7, 21, "POP SS");
        m(0x1F, NONE, 7, 7, 21, "POP DS");
        m(0x1A0, NONE, 2, 2, "PUSH FS");
        m(0x1A9, NONE, 7, 7, 21, "POP GS");
        m(0x68, NONE, 2, 2, "PUSH imm");
        m(0x6A, NONE, 2, 2, "PUSH imm8");
        m(0xFF, 6, 5, 5, "PUSH m");
        m(0x8F, 0, 5, 5, "POP m");
        m(0x60, NONE, 18, 18, "PUSHA");
        m(0x61, NONE, 24, 24, "POPA");
        m(0x9C, NONE, 4, 4, "PUSHF");
        m(0x9D, NONE, 5, 5, "POPF");
        m(0xC8, NONE, 10, 10, "ENTER level 0");
        m(0xC9, NONE, 4, 4, "LEAVE");
        // Arithmetic without a group-1 form.
        m(0xFE, 0, 2, 6, "INC Eb");
        m(0xFF, 1, 2, 6, "DEC Ev");
        m(0xF7, 2, 2, 6, "NOT");
        m(0xF7, 3, 2, 6, "NEG");
        m(0xF6, 0, 2, 5, "TEST Eb,Ib");
        m(0x85, NONE, 2, 5, "TEST Ev,Gv");
        m(0xA8, NONE, 2, 2, "TEST AL,Ib");
        m(0xF6, 4, 9, 12, "MUL r/m8: 9-14/12-17");
        m(0xF7, 4, 9, 12, "MUL r/m: 9-38/12-41");
        m(0xF7, 5, 9, 12, "IMUL r/m");
        m(0x1AF, NONE, 9, 12, "IMUL Gv,Ev");
        m(0x69, NONE, 9, 12, "IMUL Gv,Ev,Iv");
        m(0x6B, NONE, 9, 12, "IMUL Gv,Ev,Ib");
        m(0xF6, 6, 14, 17, "DIV r/m8");
        m(0xF6, 7, 19, 22, "IDIV r/m8");
        m(0x27, NONE, 4, 4, "DAA");
        m(0x2F, NONE, 4, 4, "DAS");
        m(0x37, NONE, 4, 4, "AAA");
        m(0x3F, NONE, 4, 4, "AAS");
        m(0xD4, NONE, 17, 17, "AAM");
        m(0xD5, NONE, 19, 19, "AAD");
        // Bits.
        m(0x1A3, NONE, 3, 12, "BT Ev,Gv");
        m(0x1AB, NONE, 6, 13, "BTS Ev,Gv");
        m(0x1B3, NONE, 6, 13, "BTR Ev,Gv");
        m(0x1BB, NONE, 6, 13, "BTC Ev,Gv");
        m(0x1BA, 4, 3, 6, "BT Ev,Ib");
        m(0x1BA, 5, 6, 8, "BTS Ev,Ib");
        m(0x1BA, 6, 6, 8, "BTR Ev,Ib");
        m(0x1BA, 7, 6, 8, "BTC Ev,Ib");
        m(0x1BC, NONE, 10, 10, "BSF: 10+3n");
        m(0x1BD, NONE, 10, 10, "BSR: 10+3n");
        m(0x1A4, NONE, 3, 7, "SHLD Ib");
        m(0x1A5, NONE, 3, 7, "SHLD CL");
        m(0x1AC, NONE, 3, 7, "SHRD Ib");
        m(0x1AD, NONE, 3, 7, "SHRD CL");
        // Flags.
        m(0xF8, NONE, 2, 2, "CLC");
        m(0xF9, NONE, 2, 2, "STC");
        m(0xF5, NONE, 2, 2, "CMC");
        m(0xFC, NONE, 2, 2, "CLD");
        m(0xFD, NONE, 2, 2, "STD");
        m(0xFA, NONE, 3, 3, "CLI");
        m(0xFB, NONE, 3, 3, "STI");
        m(0x9E, NONE, 3, 3, "SAHF");
        m(0x9F, NONE, 2, 2, "LAHF");
        // Control transfer.
        m(0xEB, NONE, 7, 7, "JMP rel8: 7+m");
        m(0xE9, NONE, 7, 7, "JMP rel");
        m(0xFF, 4, 7, 10, "JMP r/m: 7+m/10+m");
        m(0xE8, NONE, 7, 7, "CALL rel");
        m(0xFF, 2, 7, 10, "CALL r/m");
        m(0xC3, NONE, 10, 10, "RET: 10+m");
        m(0xC2, NONE, 10, 10, "RET imm16");
        m(0xEA, NONE, 12, 12, 27, "JMP ptr16:16: 12+m, pm 27+m");
        m(0x9A, NONE, 17, 17, 34, "CALL ptr16:16: 17+m, pm 34+m");
        m(0xFF, 3, 22, 22, 38, "CALL m16:16: 22+m, pm 38+m");
        m(0xFF, 5, 17, 17, 31, "JMP m16:16: 17+m, pm 31+m");
        m(0xCB, NONE, 18, 18, 32, "RET far: 18+m, pm 32+m");
        m(0xCA, NONE, 18, 18, 32, "RET far imm16");
        m(0xE2, NONE, 11, 11, "LOOP: 11+m");
        m(0xE1, NONE, 11, 11, "LOOPE");
        m(0xE0, NONE, 11, 11, "LOOPNE");
        m(0xE3, NONE, 5, 5, 9, "JCXZ: 9+m taken, 5 not");
        m(0xCD, NONE, 37, 37, 59, "INT imm8: 37, pm 59");
        m(0xCC, NONE, 33, 33, 59, "INT 3: 33, pm 59");
        m(0xCE, NONE, 3, 3, 35, "INTO: 3 not taken, 35 taken");
        m(0xCF, NONE, 22, 22, 38, "IRET: 22, pm 38");
        m(0x62, NONE, 10, 10, "BOUND in range");
        // Strings: the single count, and the per-iteration count of the REP form.
        m(0xA4, NONE, 7, 7, 4, "MOVS; REP 5+4n");
        m(0xA5, NONE, 7, 7, 4, "MOVS");
        m(0xAA, NONE, 4, 4, 5, "STOS; REP 5+5n");
        m(0xAC, NONE, 5, 5, 6, "LODS; REP 5+6n");
        m(0xA6, NONE, 10, 10, 9, "CMPS; REPE 5+9n");
        m(0xAE, NONE, 7, 7, 8, "SCAS; REPE 5+8n");
        // I/O: real mode, and protected mode with CPL <= IOPL.
        m(0xE4, NONE, 12, 12, 6, "IN AL,imm8: 12, pm 6");
        m(0xE5, NONE, 12, 12, 6, "IN eAX,imm8");
        m(0xEC, NONE, 13, 13, 7, "IN AL,DX: 13, pm 7");
        m(0xE6, NONE, 10, 10, 4, "OUT imm8,AL: 10, pm 4");
        m(0xEE, NONE, 11, 11, 5, "OUT DX,AL: 11, pm 5");
        m(0x6C, NONE, 15, 15, 9, "INS: 15, pm 9");
        m(0x6E, NONE, 14, 14, 8, "OUTS: 14, pm 8");
        // System.
        m(0xF4, NONE, 5, 5, "HLT");
        m(0x9B, NONE, 6, 6, "WAIT");
        m(0x90, NONE, 3, 3, "NOP");
        m(0x63, NONE, 20, 21, "ARPL");
        m(0x102, NONE, 15, 16, "LAR");
        m(0x103, NONE, 20, 21, "LSL byte granular");
        m(0x106, NONE, 5, 5, "CLTS");
        m(0x120, NONE, 6, 6, "MOV r32,CRn");
        m(0x122, NONE, 10, 10, "MOV CR0,r32 (CR2 4, CR3 5)");
        m(0x121, NONE, 22, 22, "MOV r32,DR0-3");
        m(0x123, NONE, 22, 22, "MOV DR0-3,r32");
        m(0x124, NONE, 12, 12, "MOV r32,TRn");
        m(0x126, NONE, 12, 12, "MOV TRn,r32");
        m(0x100, 0, 2, 2, "SLDT");
        m(0x100, 1, 23, 27, "STR (as the manual prints it)");
        m(0x100, 2, 20, 20, "LLDT");
        m(0x100, 3, 23, 27, "LTR");
        m(0x100, 4, 10, 11, "VERR");
        m(0x100, 5, 15, 16, "VERW");
        m(0x101, 0, 9, 9, "SGDT");
        m(0x101, 1, 9, 9, "SIDT");
        m(0x101, 2, 11, 11, "LGDT");
        m(0x101, 3, 11, 11, "LIDT");
        m(0x101, 4, 2, 3, "SMSW");
        m(0x101, 6, 10, 13, "LMSW");
    }

    private static OpcodeRow row(int opcode, int groupReg) {
        if (groupReg >= 0) {
            return OpcodeTable.group(opcode, groupReg);
        }
        return opcode >= 0x100 ? OpcodeTable.twoByte(opcode & 0xFF) : OpcodeTable.oneByte(opcode);
    }

    @Test
    void tableClocksAreTheManuals() {
        fillFromTheManual();
        List<String> problems = new ArrayList<>();
        for (Expect e : manual) {
            OpcodeRow r = row(e.opcode(), e.groupReg());
            String name = String.format("%s%02X%s %s", e.opcode() >= 0x100 ? "0F " : "", e.opcode() & 0xFF,
                    e.groupReg() >= 0 ? " /" + e.groupReg() : "", e.what());
            if (r == null) {
                problems.add(name + ": no row");
                continue;
            }
            if (r.clkReg != e.reg() || r.clkMem != e.mem()) {
                problems.add(String.format("%s: table %d/%d, manual %d/%d", name, r.clkReg, r.clkMem, e.reg(),
                        e.mem()));
            }
            if (e.alt() != NO_ALT && r.clkAlt != e.alt()) {
                problems.add(String.format("%s: table alt %d, manual %d", name, r.clkAlt, e.alt()));
            }
        }
        assertThat(manual.size()).isGreaterThan(250);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRowHasAClockCount() {
        assertThat(OpcodeTable.rows()).allSatisfy(r -> assertThat(r.clkReg).as(r.toString()).isPositive());
    }
}
