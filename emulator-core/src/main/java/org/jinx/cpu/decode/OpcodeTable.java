package org.jinx.cpu.decode;

import static org.jinx.cpu.decode.Operand.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jinx.cpu.exec.Arith;
import org.jinx.cpu.exec.Bcd;
import org.jinx.cpu.exec.BitOps;
import org.jinx.cpu.exec.Branch;
import org.jinx.cpu.exec.DataXfer;
import org.jinx.cpu.exec.FarXfer;
import org.jinx.cpu.exec.FlagCtrl;
import org.jinx.cpu.exec.IoInsn;
import org.jinx.cpu.exec.Misc;
import org.jinx.cpu.exec.MulDiv;
import org.jinx.cpu.exec.Shift;
import org.jinx.cpu.exec.Stack;
import org.jinx.cpu.exec.StringOps;
import org.jinx.cpu.exec.SystemInsn;

/**
 * The 80386 instruction set, declared once. The decoder, the disassembler, the coverage table
 * in docs/cpu.md and the tests all read these rows; nothing else restates them.
 *
 * <p>Rows follow the SDM's opcode maps (volume 2, appendix A): one-byte map, the 0F map, and the
 * groups selected by ModRM.reg. Clock counts are those of chapter 17 of the 80386 Programmer's
 * Reference Manual: {@code clk(register form, memory form)}; {@code alt} holds the taken-branch,
 * per-iteration or protected-mode count that the handler charges itself. Where the manual gives
 * a range (MUL) the table holds the minimum and the handler adds the data-dependent part.
 */
public final class OpcodeTable {
    private static final OpcodeRow[] ONE_MAP = new OpcodeRow[256];
    private static final OpcodeRow[] TWO_MAP = new OpcodeRow[256];
    /** Group rows: index = map-opcode * 8 + ModRM.reg. */
    private static final OpcodeRow[] GROUPS = new OpcodeRow[512 * 8];
    private static final List<OpcodeRow> ALL = new ArrayList<>();
    /** Prefix bytes, which are not rows. */
    public static final int[] PREFIXES = {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3};

    /** The row that stands for every undefined encoding: #UD. */
    public static final OpcodeRow INVALID = new OpcodeRow(-1, -1, "(bad)").h(Misc::invalid).attr(Attr.INVALID).clk(0);

    private static final String OSZAPC = "OSZAPC";

    private OpcodeTable() {
    }

    private static OpcodeRow one(int opc, String mn, Operand... ops) {
        OpcodeRow r = new OpcodeRow(opc, -1, mn, ops);
        if (ONE_MAP[opc] != null) {
            throw new IllegalStateException("duplicate row " + r);
        }
        ONE_MAP[opc] = r;
        ALL.add(r);
        return r;
    }

    private static OpcodeRow two(int opc, String mn, Operand... ops) {
        OpcodeRow r = new OpcodeRow(0x100 | opc, -1, mn, ops);
        if (TWO_MAP[opc] != null) {
            throw new IllegalStateException("duplicate row " + r);
        }
        TWO_MAP[opc] = r;
        ALL.add(r);
        return r;
    }

    /** A group entry: {@code opc} is 0x00-0xFF or 0x100|op for the 0F map. */
    private static OpcodeRow grp(int opc, int regField, String mn, Operand... ops) {
        OpcodeRow r = new OpcodeRow(opc, regField, mn, ops);
        int i = opc * 8 + regField;
        if (GROUPS[i] != null) {
            throw new IllegalStateException("duplicate row " + r);
        }
        GROUPS[i] = r;
        ALL.add(r);
        return r;
    }

    private static final Operand[] REG8 = {AL, CL, DL, BL, AH, CH, DH, BH};
    private static final Operand[] REGV = {eAX, eCX, eDX, eBX, eSP, eBP, eSI, eDI};
    private static final String[] CC = {"O", "NO", "B", "NB", "E", "NE", "BE", "NBE", "S", "NS", "P", "NP", "L", "NL",
        "LE", "NLE"};

    static {
        oneByteMap();
        twoByteMap();
    }

    private static void oneByteMap() {
        // Arithmetic and logic in the group-1 order (ADD OR ADC SBB AND SUB XOR CMP), so the
        // opcode bits 5-3 equal ModRM.reg of the immediate groups 80-83.
        String[] alu = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
        InsnHandler[] aluH = {Arith::add, Arith::or, Arith::adc, Arith::sbb, Arith::and, Arith::sub, Arith::xor,
            Arith::cmp};
        String[] aluFlags = {OSZAPC, OSZAPC, OSZAPC, OSZAPC, OSZAPC, OSZAPC, OSZAPC, OSZAPC};
        for (int op = 0; op < 8; op++) {
            int b = op << 3;
            boolean cmp = op == 7;
            boolean logic = op == 1 || op == 4 || op == 6;
            String undef = logic ? "A" : "";
            OpcodeRow r;
            r = one(b, alu[op], Eb, Gb).h(aluH[op]).clk(2, cmp ? 5 : 7).flags(aluFlags[op], undef);
            if (!cmp) {
                r.lock();
            }
            r = one(b + 1, alu[op], Ev, Gv).h(aluH[op]).clk(2, cmp ? 5 : 7).flags(aluFlags[op], undef);
            if (!cmp) {
                r.lock();
            }
            one(b + 2, alu[op], Gb, Eb).h(aluH[op]).clk(2, 6).flags(aluFlags[op], undef);
            one(b + 3, alu[op], Gv, Ev).h(aluH[op]).clk(2, 6).flags(aluFlags[op], undef);
            one(b + 4, alu[op], AL, Ib).h(aluH[op]).clk(2).flags(aluFlags[op], undef);
            one(b + 5, alu[op], eAX, Iv).h(aluH[op]).clk(2).flags(aluFlags[op], undef);
            r = grp(0x80, op, alu[op], Eb, Ib).h(aluH[op]).clk(2, cmp ? 5 : 7).flags(aluFlags[op], undef);
            if (!cmp) {
                r.lock();
            }
            r = grp(0x81, op, alu[op], Ev, Iv).h(aluH[op]).clk(2, cmp ? 5 : 7).flags(aluFlags[op], undef);
            if (!cmp) {
                r.lock();
            }
            // 82 is an alias of 80 on the 386 (dropped only in 64-bit mode).
            r = grp(0x82, op, alu[op], Eb, Ib).h(aluH[op]).clk(2, cmp ? 5 : 7).flags(aluFlags[op], undef);
            if (!cmp) {
                r.lock();
            }
            r = grp(0x83, op, alu[op], Ev, Ibs).h(aluH[op]).clk(2, cmp ? 5 : 7).flags(aluFlags[op], undef);
            if (!cmp) {
                r.lock();
            }
        }
        one(0x06, "PUSH", ES).h(Stack::pushSreg).clk(2);
        one(0x07, "POP", ES).h(Stack::popSreg).clk(7).alt(21);
        one(0x0E, "PUSH", CS).h(Stack::pushSreg).clk(2);
        one(0x16, "PUSH", SS).h(Stack::pushSreg).clk(2);
        one(0x17, "POP", SS).h(Stack::popSreg).clk(7).alt(21).ends();
        one(0x1E, "PUSH", DS).h(Stack::pushSreg).clk(2);
        one(0x1F, "POP", DS).h(Stack::popSreg).clk(7).alt(21);
        one(0x27, "DAA").h(Bcd::daa).clk(4).flags(OSZAPC, "O");
        one(0x2F, "DAS").h(Bcd::das).clk(4).flags(OSZAPC, "O");
        one(0x37, "AAA").h(Bcd::aaa).clk(4).flags(OSZAPC, "OSZP");
        one(0x3F, "AAS").h(Bcd::aas).clk(4).flags(OSZAPC, "OSZP");
        for (int r = 0; r < 8; r++) {
            one(0x40 + r, "INC", REGV[r]).h(Arith::inc).clk(2).flags("OSZAP");
            one(0x48 + r, "DEC", REGV[r]).h(Arith::dec).clk(2).flags("OSZAP");
            one(0x50 + r, "PUSH", REGV[r]).h(Stack::push).clk(2);
            one(0x58 + r, "POP", REGV[r]).h(Stack::pop).clk(4);
        }
        one(0x60, "PUSHA").m32("PUSHAD").h(Stack::pusha).clk(18);
        one(0x61, "POPA").m32("POPAD").h(Stack::popa).clk(24);
        one(0x62, "BOUND", Gv, Ma).h(Misc::bound).clk(10);
        one(0x63, "ARPL", Ew, Gw).h(SystemInsn::arpl).attr(Attr.FIXED16).clk(20, 21).flags("Z");
        one(0x68, "PUSH", Iv).h(Stack::push).clk(2);
        one(0x69, "IMUL", Gv, Ev, Iv).h(MulDiv::imul3).clk(9, 12).flags(OSZAPC, "SZAP");
        one(0x6A, "PUSH", Ibs).h(Stack::push).clk(2);
        one(0x6B, "IMUL", Gv, Ev, Ibs).h(MulDiv::imul3).clk(9, 12).flags(OSZAPC, "SZAP");
        one(0x6C, "INSB", Yb, DX).h(StringOps::ins).rep().clk(15).alt(9);
        one(0x6D, "INSW", Yv, DX).m32("INSD").h(StringOps::ins).rep().clk(15).alt(9);
        one(0x6E, "OUTSB", DX, Xb).h(StringOps::outs).rep().clk(14).alt(8);
        one(0x6F, "OUTSW", DX, Xv).m32("OUTSD").h(StringOps::outs).rep().clk(14).alt(8);
        for (int cc = 0; cc < 16; cc++) {
            one(0x70 + cc, "J" + CC[cc], Jb).h(Branch::jcc).ends().clk(3).alt(7);
        }
        one(0x84, "TEST", Eb, Gb).h(Arith::test).clk(2, 5).flags(OSZAPC, "A");
        one(0x85, "TEST", Ev, Gv).h(Arith::test).clk(2, 5).flags(OSZAPC, "A");
        one(0x86, "XCHG", Eb, Gb).h(DataXfer::xchg).lock().clk(3, 5);
        one(0x87, "XCHG", Ev, Gv).h(DataXfer::xchg).lock().clk(3, 5);
        one(0x88, "MOV", Eb, Gb).h(DataXfer::mov).clk(2, 2);
        one(0x89, "MOV", Ev, Gv).h(DataXfer::mov).clk(2, 2);
        one(0x8A, "MOV", Gb, Eb).h(DataXfer::mov).clk(2, 4);
        one(0x8B, "MOV", Gv, Ev).h(DataXfer::mov).clk(2, 4);
        one(0x8C, "MOV", Ew, Sw).h(DataXfer::movFromSreg).clk(2, 2);
        one(0x8D, "LEA", Gv, M).h(DataXfer::lea).clk(2);
        one(0x8E, "MOV", Sw, Ew).h(DataXfer::movToSreg).attr(Attr.FIXED16).clk(2, 5).alt(18);
        grp(0x8F, 0, "POP", Ev).h(Stack::popEv).clk(5);
        one(0x90, "NOP").h(Misc::nop).clk(3);
        for (int r = 1; r < 8; r++) {
            one(0x90 + r, "XCHG", eAX, REGV[r]).h(DataXfer::xchg).clk(3);
        }
        one(0x98, "CBW").m32("CWDE").h(DataXfer::cbw).clk(3);
        one(0x99, "CWD").m32("CDQ").h(DataXfer::cwd).clk(2);
        one(0x9A, "CALLF", Ap).h(FarXfer::callFar).ends().clk(17).alt(34);
        one(0x9B, "WAIT").h(Misc::fwait).clk(6);
        one(0x9C, "PUSHF").m32("PUSHFD").h(Stack::pushf).clk(4);
        one(0x9D, "POPF").m32("POPFD").h(Stack::popf).ends().clk(5).flags(OSZAPC);
        one(0x9E, "SAHF").h(FlagCtrl::sahf).clk(3).flags("SZAPC");
        one(0x9F, "LAHF").h(FlagCtrl::lahf).clk(2);
        one(0xA0, "MOV", AL, Ob).h(DataXfer::mov).clk(4);
        one(0xA1, "MOV", eAX, Ov).h(DataXfer::mov).clk(4);
        one(0xA2, "MOV", Ob, AL).h(DataXfer::mov).clk(2);
        one(0xA3, "MOV", Ov, eAX).h(DataXfer::mov).clk(2);
        one(0xA4, "MOVSB", Yb, Xb).h(StringOps::movs).rep().clk(7).alt(4);
        one(0xA5, "MOVSW", Yv, Xv).m32("MOVSD").h(StringOps::movs).rep().clk(7).alt(4);
        one(0xA6, "CMPSB", Xb, Yb).h(StringOps::cmps).rep().clk(10).alt(9).flags(OSZAPC);
        one(0xA7, "CMPSW", Xv, Yv).m32("CMPSD").h(StringOps::cmps).rep().clk(10).alt(9).flags(OSZAPC);
        one(0xA8, "TEST", AL, Ib).h(Arith::test).clk(2).flags(OSZAPC, "A");
        one(0xA9, "TEST", eAX, Iv).h(Arith::test).clk(2).flags(OSZAPC, "A");
        one(0xAA, "STOSB", Yb, AL).h(StringOps::stos).rep().clk(4).alt(5);
        one(0xAB, "STOSW", Yv, eAX).m32("STOSD").h(StringOps::stos).rep().clk(4).alt(5);
        one(0xAC, "LODSB", AL, Xb).h(StringOps::lods).rep().clk(5).alt(6);
        one(0xAD, "LODSW", eAX, Xv).m32("LODSD").h(StringOps::lods).rep().clk(5).alt(6);
        one(0xAE, "SCASB", AL, Yb).h(StringOps::scas).rep().clk(7).alt(8).flags(OSZAPC);
        one(0xAF, "SCASW", eAX, Yv).m32("SCASD").h(StringOps::scas).rep().clk(7).alt(8).flags(OSZAPC);
        for (int r = 0; r < 8; r++) {
            one(0xB0 + r, "MOV", REG8[r], Ib).h(DataXfer::mov).clk(2);
            one(0xB8 + r, "MOV", REGV[r], Iv).h(DataXfer::mov).clk(2);
        }
        // Group 2: shifts and rotates. ModRM.reg 6 is an undocumented alias of SHL (SAL) on the 386.
        String[] sh = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
        InsnHandler[] shH = {Shift::rol, Shift::ror, Shift::rcl, Shift::rcr, Shift::shl, Shift::shr, Shift::shl,
            Shift::sar};
        int[][] forms = {{0xC0, 0}, {0xC1, 1}, {0xD0, 0}, {0xD1, 1}, {0xD2, 0}, {0xD3, 1}};
        for (int[] f : forms) {
            Operand dst = f[1] == 0 ? Eb : Ev;
            Operand cnt = f[0] <= 0xC1 ? Ib : f[0] <= 0xD1 ? Operand.ONE : CL;
            for (int op = 0; op < 8; op++) {
                boolean rc = op == 2 || op == 3;
                boolean rot = op < 4;
                grp(f[0], op, sh[op], dst, cnt).h(shH[op]).clk(rc ? 9 : 3, rc ? 10 : 7)
                        .flags(rot ? "OC" : OSZAPC, rot ? "" : "A");
            }
        }
        one(0xC2, "RET", Iw).h(Branch::retNear).ends().clk(10);
        one(0xC3, "RET").h(Branch::retNear).ends().clk(10);
        one(0xC4, "LES", Gv, Mp).h(DataXfer::loadFarPointer).clk(7).alt(22);
        one(0xC5, "LDS", Gv, Mp).h(DataXfer::loadFarPointer).clk(7).alt(22);
        grp(0xC6, 0, "MOV", Eb, Ib).h(DataXfer::mov).clk(2, 2);
        grp(0xC7, 0, "MOV", Ev, Iv).h(DataXfer::mov).clk(2, 2);
        one(0xC8, "ENTER", Iw, Ib).h(Stack::enter).clk(10);
        one(0xC9, "LEAVE").h(Stack::leave).clk(4);
        one(0xCA, "RETF", Iw).h(FarXfer::retFar).ends().clk(18).alt(32);
        one(0xCB, "RETF").h(FarXfer::retFar).ends().clk(18).alt(32);
        one(0xCC, "INT3").h(FarXfer::int3).ends().clk(33).alt(59);
        one(0xCD, "INT", Ib).h(FarXfer::intN).ends().clk(37).alt(59);
        one(0xCE, "INTO").h(FarXfer::into).ends().clk(3).alt(35);
        one(0xCF, "IRET").m32("IRETD").h(FarXfer::iret).ends().clk(22).alt(38).flags(OSZAPC);
        one(0xD4, "AAM", Ib).h(Bcd::aam).clk(17).flags(OSZAPC, "OAC");
        one(0xD5, "AAD", Ib).h(Bcd::aad).clk(19).flags(OSZAPC, "OAC");
        // Undocumented on the 386 but present in silicon: AL = CF ? 0xFF : 0.
        one(0xD6, "SALC").h(FlagCtrl::salc).clk(2);
        one(0xD7, "XLAT").h(DataXfer::xlat).clk(5);
        for (int e = 0; e < 8; e++) {
            // x87 escapes: #NM when CR0.EM or CR0.TS; with no coprocessor the operand is ignored.
            one(0xD8 + e, "ESC").h(Misc::esc).attr(Attr.MODRM).clk(2);
        }
        one(0xE0, "LOOPNE", Jb).h(Branch::loop).ends().clk(11);
        one(0xE1, "LOOPE", Jb).h(Branch::loop).ends().clk(11);
        one(0xE2, "LOOP", Jb).h(Branch::loop).ends().clk(11);
        one(0xE3, "JCXZ", Jb).m32("JECXZ").h(Branch::jcxz).ends().clk(5).alt(9);
        one(0xE4, "IN", AL, Ib).h(IoInsn::in).clk(12).alt(6);
        one(0xE5, "IN", eAX, Ib).h(IoInsn::in).clk(12).alt(6);
        one(0xE6, "OUT", Ib, AL).h(IoInsn::out).clk(10).alt(4);
        one(0xE7, "OUT", Ib, eAX).h(IoInsn::out).clk(10).alt(4);
        one(0xE8, "CALL", Jv).h(Branch::callNear).ends().clk(7);
        one(0xE9, "JMP", Jv).h(Branch::jmpNear).ends().clk(7);
        one(0xEA, "JMPF", Ap).h(FarXfer::jmpFar).ends().clk(12).alt(27);
        one(0xEB, "JMP", Jb).h(Branch::jmpNear).ends().clk(7);
        one(0xEC, "IN", AL, DX).h(IoInsn::in).clk(13).alt(7);
        one(0xED, "IN", eAX, DX).h(IoInsn::in).clk(13).alt(7);
        one(0xEE, "OUT", DX, AL).h(IoInsn::out).clk(11).alt(5);
        one(0xEF, "OUT", DX, eAX).h(IoInsn::out).clk(11).alt(5);
        // Undocumented single-byte INT 1 (ICEBP): a #DB trap that ignores IOPL and DPL checks.
        one(0xF1, "INT1").h(FarXfer::int1).ends().clk(33).alt(59);
        one(0xF4, "HLT").h(SystemInsn::hlt).priv().ends().clk(5);
        one(0xF5, "CMC").h(FlagCtrl::cmc).clk(2).flags("C");
        String[] g3 = {"TEST", "TEST", "NOT", "NEG", "MUL", "IMUL", "DIV", "IDIV"};
        for (int w = 0; w < 2; w++) {
            int opc = 0xF6 + w;
            Operand e = w == 0 ? Eb : Ev;
            grp(opc, 0, "TEST", e, w == 0 ? Ib : Iv).h(Arith::test).clk(2, 5).flags(OSZAPC, "A");
            // /1 is an undocumented alias of TEST on the 386.
            grp(opc, 1, "TEST", e, w == 0 ? Ib : Iv).h(Arith::test).clk(2, 5).flags(OSZAPC, "A");
            grp(opc, 2, "NOT", e).h(Arith::not).lock().clk(2, 6);
            grp(opc, 3, "NEG", e).h(Arith::neg).lock().clk(2, 6).flags(OSZAPC);
            grp(opc, 4, "MUL", e).h(MulDiv::mul).clk(9, 12).flags(OSZAPC, "SZAP");
            grp(opc, 5, "IMUL", e).h(MulDiv::imul1).clk(9, 12).flags(OSZAPC, "SZAP");
            grp(opc, 6, "DIV", e).h(MulDiv::div).clk(w == 0 ? 14 : 22, w == 0 ? 17 : 25).flags(OSZAPC, OSZAPC);
            grp(opc, 7, "IDIV", e).h(MulDiv::idiv).clk(w == 0 ? 19 : 27, w == 0 ? 22 : 30).flags(OSZAPC, OSZAPC);
        }
        one(0xF8, "CLC").h(FlagCtrl::clc).clk(2).flags("C");
        one(0xF9, "STC").h(FlagCtrl::stc).clk(2).flags("C");
        one(0xFA, "CLI").h(FlagCtrl::cli).clk(3);
        one(0xFB, "STI").h(FlagCtrl::sti).ends().clk(3);
        one(0xFC, "CLD").h(FlagCtrl::cld).clk(2);
        one(0xFD, "STD").h(FlagCtrl::std).clk(2);
        grp(0xFE, 0, "INC", Eb).h(Arith::inc).lock().clk(2, 6).flags("OSZAP");
        grp(0xFE, 1, "DEC", Eb).h(Arith::dec).lock().clk(2, 6).flags("OSZAP");
        grp(0xFF, 0, "INC", Ev).h(Arith::inc).lock().clk(2, 6).flags("OSZAP");
        grp(0xFF, 1, "DEC", Ev).h(Arith::dec).lock().clk(2, 6).flags("OSZAP");
        grp(0xFF, 2, "CALL", Ev).h(Branch::callNearIndirect).ends().clk(7, 10);
        grp(0xFF, 3, "CALLF", Mp).h(FarXfer::callFarIndirect).ends().clk(22).alt(38);
        grp(0xFF, 4, "JMP", Ev).h(Branch::jmpNearIndirect).ends().clk(7, 10);
        grp(0xFF, 5, "JMPF", Mp).h(FarXfer::jmpFarIndirect).ends().clk(17).alt(31);
        grp(0xFF, 6, "PUSH", Ev).h(Stack::pushEv).clk(5);
    }

    private static void twoByteMap() {
        String[] g6 = {"SLDT", "STR", "LLDT", "LTR", "VERR", "VERW"};
        InsnHandler[] g6h = {SystemInsn::sldt, SystemInsn::str, SystemInsn::lldt, SystemInsn::ltr, SystemInsn::verr,
            SystemInsn::verw};
        // The manual gives STR the same 23/27 as LTR (likely copied, but it is the manual's count).
        int[][] g6c = {{2, 2}, {23, 27}, {20, 20}, {23, 27}, {10, 11}, {15, 16}};
        for (int i = 0; i < 6; i++) {
            OpcodeRow r = grp(0x100, i, g6[i], Ew).h(g6h[i]).attr(Attr.FIXED16).clk(g6c[i][0], g6c[i][1]);
            if (i == 2 || i == 3) {
                r.priv();
            }
            if (i >= 4) {
                r.flags("Z");
            }
        }
        grp(0x101, 0, "SGDT", Ms).h(SystemInsn::sgdt).clk(9);
        grp(0x101, 1, "SIDT", Ms).h(SystemInsn::sidt).clk(9);
        grp(0x101, 2, "LGDT", Ms).h(SystemInsn::lgdt).priv().clk(11);
        grp(0x101, 3, "LIDT", Ms).h(SystemInsn::lidt).priv().clk(11);
        grp(0x101, 4, "SMSW", Ew).h(SystemInsn::smsw).attr(Attr.FIXED16).clk(2, 3);
        grp(0x101, 6, "LMSW", Ew).h(SystemInsn::lmsw).attr(Attr.FIXED16).priv().ends().clk(10, 13);
        two(0x02, "LAR", Gv, Ew).h(SystemInsn::lar).clk(15, 16).flags("Z");
        two(0x03, "LSL", Gv, Ew).h(SystemInsn::lsl).clk(20, 21).flags("Z");
        two(0x06, "CLTS").h(SystemInsn::clts).priv().clk(5);
        two(0x20, "MOV", Rd, Cd).h(SystemInsn::movFromCr).priv().clk(6);
        two(0x21, "MOV", Rd, Dd).h(SystemInsn::movFromDr).priv().clk(22);
        two(0x22, "MOV", Cd, Rd).h(SystemInsn::movToCr).priv().ends().clk(10);
        two(0x23, "MOV", Dd, Rd).h(SystemInsn::movToDr).priv().clk(22);
        two(0x24, "MOV", Rd, Td).h(SystemInsn::movFromTr).priv().clk(12);
        two(0x26, "MOV", Td, Rd).h(SystemInsn::movToTr).priv().clk(12);
        for (int cc = 0; cc < 16; cc++) {
            two(0x80 + cc, "J" + CC[cc], Jv).h(Branch::jcc).ends().clk(3).alt(7);
            two(0x90 + cc, "SET" + CC[cc], Eb).h(BitOps::setcc).clk(4, 5);
        }
        two(0xA0, "PUSH", FS).h(Stack::pushSreg).clk(2);
        two(0xA1, "POP", FS).h(Stack::popSreg).clk(7).alt(21);
        // BTx: the SDM leaves OF SF AF PF undefined (the 386 manual lists only CF); ZF is unaffected.
        two(0xA3, "BT", Ev, Gv).h(BitOps::bt).clk(3, 12).flags("OSAPC", "OSAP");
        // SHLD/SHRD: AF is undefined. OF is defined for a count of 1 only: that depends on the
        // count, not on the row, so it is not listed here.
        two(0xA4, "SHLD", Ev, Gv, Ib).h(Shift::shld).clk(3, 7).flags(OSZAPC, "A");
        two(0xA5, "SHLD", Ev, Gv, CL).h(Shift::shld).clk(3, 7).flags(OSZAPC, "A");
        two(0xA8, "PUSH", GS).h(Stack::pushSreg).clk(2);
        two(0xA9, "POP", GS).h(Stack::popSreg).clk(7).alt(21);
        two(0xAB, "BTS", Ev, Gv).h(BitOps::bts).lock().clk(6, 13).flags("OSAPC", "OSAP");
        two(0xAC, "SHRD", Ev, Gv, Ib).h(Shift::shrd).clk(3, 7).flags(OSZAPC, "A");
        two(0xAD, "SHRD", Ev, Gv, CL).h(Shift::shrd).clk(3, 7).flags(OSZAPC, "A");
        two(0xAF, "IMUL", Gv, Ev).h(MulDiv::imul2).clk(9, 12).flags(OSZAPC, "SZAP");
        two(0xB2, "LSS", Gv, Mp).h(DataXfer::loadFarPointer).clk(7).alt(22);
        two(0xB3, "BTR", Ev, Gv).h(BitOps::btr).lock().clk(6, 13).flags("OSAPC", "OSAP");
        two(0xB4, "LFS", Gv, Mp).h(DataXfer::loadFarPointer).clk(7).alt(25);
        two(0xB5, "LGS", Gv, Mp).h(DataXfer::loadFarPointer).clk(7).alt(25);
        two(0xB6, "MOVZX", Gv, Eb).h(DataXfer::movzx).clk(3, 6);
        two(0xB7, "MOVZX", Gv, Ew).h(DataXfer::movzx).clk(3, 6);
        grp(0x1BA, 4, "BT", Ev, Ib).h(BitOps::bt).clk(3, 6).flags("OSAPC", "OSAP");
        grp(0x1BA, 5, "BTS", Ev, Ib).h(BitOps::bts).lock().clk(6, 8).flags("OSAPC", "OSAP");
        grp(0x1BA, 6, "BTR", Ev, Ib).h(BitOps::btr).lock().clk(6, 8).flags("OSAPC", "OSAP");
        grp(0x1BA, 7, "BTC", Ev, Ib).h(BitOps::btc).lock().clk(6, 8).flags("OSAPC", "OSAP");
        two(0xBB, "BTC", Ev, Gv).h(BitOps::btc).lock().clk(6, 13).flags("OSAPC", "OSAP");
        // BSF/BSR: only ZF is defined; the SDM leaves CF OF SF AF PF undefined.
        two(0xBC, "BSF", Gv, Ev).h(BitOps::bsf).clk(10, 10).flags(OSZAPC, "OSAPC");
        two(0xBD, "BSR", Gv, Ev).h(BitOps::bsr).clk(10, 10).flags(OSZAPC, "OSAPC");
        two(0xBE, "MOVSX", Gv, Eb).h(DataXfer::movsx).clk(3, 6);
        two(0xBF, "MOVSX", Gv, Ew).h(DataXfer::movsx).clk(3, 6);
    }

    /** The row for a one-byte opcode, or null for a prefix, 0F, a group or an undefined byte. */
    public static OpcodeRow oneByte(int opc) {
        return ONE_MAP[opc];
    }

    public static OpcodeRow twoByte(int opc) {
        return TWO_MAP[opc];
    }

    /** Whether the map opcode (0x00-0x1FF) is a group selected by ModRM.reg. */
    public static boolean isGroup(int mapOpcode) {
        for (int r = 0; r < 8; r++) {
            if (GROUPS[mapOpcode * 8 + r] != null) {
                return true;
            }
        }
        return false;
    }

    public static OpcodeRow group(int mapOpcode, int regField) {
        return GROUPS[mapOpcode * 8 + regField];
    }

    /** Every row, in declaration order, for the disassembler's tests and the coverage table. */
    public static List<OpcodeRow> rows() {
        return Collections.unmodifiableList(ALL);
    }
}
