package org.jinx.cpu.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

/**
 * Bytes to fields: ModRM and SIB in 16- and 32-bit addressing, displacements, default segments,
 * prefixes, immediates, group selection and invalid encodings. Expected values come from the
 * 80386 manual's ModRM and SIB tables (section 17.2) and its instruction pages.
 */
class DecoderTest {
    static DecodedInsn d32(int... bytes) {
        return Decoder.decode(pad(bytes), 0, true);
    }

    static DecodedInsn d16(int... bytes) {
        return Decoder.decode(pad(bytes), 0, false);
    }

    /** The bytes followed by NOPs, so a decoder that reads too far still finds bytes. */
    static byte[] pad(int... bytes) {
        byte[] b = new byte[bytes.length + 16];
        java.util.Arrays.fill(b, (byte) 0x90);
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    static int modrm(int mod, int reg, int rm) {
        return mod << 6 | reg << 3 | rm;
    }

    // ------------------------------------------------------------------ 16-bit addressing

    /** Table 17-2: the eight r/m forms of 16-bit addressing, as (base, index). */
    private static final int[][] RM16 = {
        {Cpu.EBX, Cpu.ESI}, {Cpu.EBX, Cpu.EDI}, {Cpu.EBP, Cpu.ESI}, {Cpu.EBP, Cpu.EDI},
        {Cpu.ESI, -1}, {Cpu.EDI, -1}, {Cpu.EBP, -1}, {Cpu.EBX, -1},
    };

    @Test
    void modrm16EveryModAndRm() {
        for (int mod = 0; mod < 3; mod++) {
            for (int rm = 0; rm < 8; rm++) {
                // MOV CX, [form] with displacement bytes 34 92.
                DecodedInsn d = d16(0x8B, modrm(mod, 1, rm), 0x34, 0x92);
                String form = "mod " + mod + " rm " + rm;
                boolean direct = mod == 0 && rm == 6;
                int dispBytes = direct ? 2 : mod == 1 ? 1 : mod == 2 ? 2 : 0;
                assertThat(d.length).as(form).isEqualTo(2 + dispBytes);
                assertThat(d.isMem()).as(form).isTrue();
                assertThat(d.a32).isFalse();
                assertThat(d.reg).as(form).isEqualTo(1);
                assertThat(d.base).as(form).isEqualTo(direct ? -1 : RM16[rm][0]);
                assertThat(d.index).as(form).isEqualTo(direct ? -1 : RM16[rm][1]);
                int disp = dispBytes == 2 ? 0x9234 : dispBytes == 1 ? 0x34 : 0;
                assertThat(d.disp & 0xFFFF).as(form).isEqualTo(disp);
                // BP as a base selects SS; [disp16] (mod 0 rm 6) is DS.
                boolean ss = !direct && RM16[rm][0] == Cpu.EBP;
                assertThat(d.seg).as(form).isEqualTo(ss ? Cpu.SS : Cpu.DS);
                assertThat(d.segOverride).isFalse();
            }
        }
    }

    @Test
    void disp8IsSignExtendedAndDisp16KeepsItsBits() {
        assertThat(d16(0x8B, modrm(1, 0, 7), 0xFF).disp).isEqualTo(-1);
        assertThat(d16(0x8B, modrm(1, 0, 7), 0x7F).disp).isEqualTo(0x7F);
        assertThat(d16(0x8B, modrm(2, 0, 7), 0xFF, 0xFF).disp & 0xFFFF).isEqualTo(0xFFFF);
        assertThat(d32(0x8B, modrm(1, 0, 0), 0x80).disp).isEqualTo(-128);
        assertThat(d32(0x8B, modrm(2, 0, 0), 0x00, 0x00, 0x00, 0x80).disp).isEqualTo(0x80000000);
    }

    @Test
    void mod3IsARegisterInBothAddressSizes() {
        for (int rm = 0; rm < 8; rm++) {
            for (DecodedInsn d : new DecodedInsn[] {d16(0x8B, modrm(3, 2, rm)), d32(0x8B, modrm(3, 2, rm))}) {
                assertThat(d.isMem()).isFalse();
                assertThat(d.rm).isEqualTo(rm);
                assertThat(d.reg).isEqualTo(2);
                assertThat(d.length).isEqualTo(2);
            }
        }
    }

    // ------------------------------------------------------------------ 32-bit addressing

    @Test
    void modrm32EveryModAndRmWithoutSib() {
        for (int mod = 0; mod < 3; mod++) {
            for (int rm = 0; rm < 8; rm++) {
                if (rm == 4) {
                    continue;
                }
                DecodedInsn d = d32(0x8B, modrm(mod, 3, rm), 0x78, 0x56, 0x34, 0x92);
                String form = "mod " + mod + " rm " + rm;
                boolean direct = mod == 0 && rm == 5;
                int dispBytes = direct ? 4 : mod == 1 ? 1 : mod == 2 ? 4 : 0;
                assertThat(d.length).as(form).isEqualTo(2 + dispBytes);
                assertThat(d.a32).isTrue();
                assertThat(d.base).as(form).isEqualTo(direct ? -1 : rm);
                assertThat(d.index).as(form).isEqualTo(-1);
                int disp = dispBytes == 4 ? 0x92345678 : dispBytes == 1 ? 0x78 : 0;
                assertThat(d.disp).as(form).isEqualTo(disp);
                assertThat(d.seg).as(form).isEqualTo(!direct && rm == Cpu.EBP ? Cpu.SS : Cpu.DS);
            }
        }
    }

    @Test
    void sibEveryBaseIndexAndScale() {
        for (int mod = 0; mod < 3; mod++) {
            for (int sib = 0; sib < 256; sib++) {
                int scale = sib >>> 6;
                int idx = sib >>> 3 & 7;
                int base = sib & 7;
                DecodedInsn d = d32(0x8B, modrm(mod, 0, 4), sib, 0x78, 0x56, 0x34, 0x12);
                String form = String.format("mod %d sib %02X", mod, sib);
                // Base 5 with mod 0 means no base and a disp32; index 4 means no index.
                boolean noBase = base == 5 && mod == 0;
                int dispBytes = noBase ? 4 : mod == 1 ? 1 : mod == 2 ? 4 : 0;
                assertThat(d.length).as(form).isEqualTo(3 + dispBytes);
                assertThat(d.base).as(form).isEqualTo(noBase ? -1 : base);
                assertThat(d.index).as(form).isEqualTo(idx == 4 ? -1 : idx);
                assertThat(d.scale).as(form).isEqualTo(scale);
                assertThat(d.disp).as(form).isEqualTo(dispBytes == 4 ? 0x12345678 : dispBytes == 1 ? 0x78 : 0);
                // ESP or EBP as the base selects SS; the index never does.
                boolean ss = !noBase && (base == Cpu.ESP || base == Cpu.EBP);
                assertThat(d.seg).as(form).isEqualTo(ss ? Cpu.SS : Cpu.DS);
            }
        }
    }

    @Test
    void addressSizePrefixSwitchesTheModrmTable() {
        // 67 in 32-bit code: [BP+DI+disp8], SS by default.
        DecodedInsn a = d32(0x67, 0x8B, modrm(1, 0, 3), 0x10);
        assertThat(a.a32).isFalse();
        assertThat(a.base).isEqualTo(Cpu.EBP);
        assertThat(a.index).isEqualTo(Cpu.EDI);
        assertThat(a.seg).isEqualTo(Cpu.SS);
        assertThat(a.length).isEqualTo(4);
        // 67 in 16-bit code: SIB form [EAX+ECX*8+disp32].
        DecodedInsn b = d16(0x67, 0x8B, modrm(2, 0, 4), 0xC8, 1, 2, 3, 4);
        assertThat(b.a32).isTrue();
        assertThat(b.base).isEqualTo(Cpu.EAX);
        assertThat(b.index).isEqualTo(Cpu.ECX);
        assertThat(b.scale).isEqualTo(3);
        assertThat(b.disp).isEqualTo(0x04030201);
        assertThat(b.length).isEqualTo(8);
    }

    // ------------------------------------------------------------------ prefixes

    @Test
    void segmentOverrideReplacesTheDefaultAndTheLastOneWins() {
        int[][] overrides = {{0x26, Cpu.ES}, {0x2E, Cpu.CS}, {0x36, Cpu.SS}, {0x3E, Cpu.DS}, {0x64, Cpu.FS},
            {0x65, Cpu.GS}};
        for (int[] o : overrides) {
            // [EBP+0] defaults to SS; the override replaces it.
            DecodedInsn d = d32(o[0], 0x8B, modrm(1, 0, 5), 0);
            assertThat(d.seg).isEqualTo(o[1]);
            assertThat(d.segOverride).isTrue();
            assertThat(d.length).isEqualTo(4);
        }
        assertThat(d32(0x26, 0x2E, 0x64, 0x8B, 0x00).seg).isEqualTo(Cpu.FS);
        assertThat(d32(0x64, 0x36, 0x8B, 0x00).seg).isEqualTo(Cpu.SS);
        assertThat(d16(0x65, 0x26, 0x8B, 0x02).seg).isEqualTo(Cpu.ES);
        assertThat(d32(0x8B, 0x00).segOverride).isFalse();
    }

    @Test
    void operandSizePrefixTogglesTheDefault() {
        assertThat(d32(0x01, 0xC0).osize).isEqualTo(4);
        assertThat(d32(0x66, 0x01, 0xC0).osize).isEqualTo(2);
        assertThat(d16(0x01, 0xC0).osize).isEqualTo(2);
        assertThat(d16(0x66, 0x01, 0xC0).osize).isEqualTo(4);
        assertThat(d32(0x66, 0x00, 0xC0).osize).isEqualTo(1);
        assertThat(d32(0x66, 0x01, 0xC0).o32).isFalse();
        assertThat(d16(0x66, 0x01, 0xC0).o32).isTrue();
        // Two 66 prefixes are one: the attribute is toggled, not counted.
        assertThat(d32(0x66, 0x66, 0x01, 0xC0).osize).isEqualTo(2);
        assertThat(d32(0x67, 0x67, 0x8B, 0x00).a32).isFalse();
    }

    @Test
    void operandSizeOfTheOperationComesFromItsOperands() {
        assertThat(d32(0xEC).osize).as("IN AL,DX").isEqualTo(1);
        assertThat(d32(0xEF).osize).as("OUT DX,eAX").isEqualTo(4);
        assertThat(d32(0x66, 0xEF).osize).as("OUT DX,AX").isEqualTo(2);
        assertThat(d32(0xE6, 0x80).osize).as("OUT Ib,AL").isEqualTo(1);
        assertThat(d32(0x0F, 0xB6, 0xC0).osize).as("MOVZX Gv,Eb").isEqualTo(4);
        assertThat(d16(0x0F, 0xB6, 0xC0).osize).as("MOVZX Gv,Eb 16").isEqualTo(2);
        assertThat(d32(0x06).osize).as("PUSH ES").isEqualTo(4);
        assertThat(d16(0x06).osize).as("PUSH ES 16").isEqualTo(2);
        assertThat(d32(0x8E, 0xD8).osize).as("MOV DS,Ew").isEqualTo(2);
        assertThat(d32(0x8C, 0x18).osize).as("MOV Ew,DS").isEqualTo(2);
        assertThat(d32(0x8D, 0x00).osize).as("LEA").isEqualTo(4);
        assertThat(d32(0xC8, 0, 0, 0).osize).as("ENTER").isEqualTo(4);
        assertThat(d16(0xC8, 0, 0, 0).osize).as("ENTER 16").isEqualTo(2);
    }

    @Test
    void repPrefixes() {
        assertThat(d32(0xF3, 0xA4).rep).isEqualTo(0xF3);
        assertThat(d32(0xF2, 0xA6).rep).isEqualTo(0xF2);
        assertThat(d32(0xA4).rep).isEqualTo(0);
        assertThat(d16(0xF3, 0xAB).length).isEqualTo(2);
    }

    @Test
    void lockOnALockableMemoryDestinationRunsTheRowHandler() {
        for (int[] bytes : new int[][] {{0xF0, 0x01, 0x00}, {0xF0, 0x87, 0x00}, {0xF0, 0x0F, 0xAB, 0x00},
            {0xF0, 0xF7, 0x18}, {0xF0, 0x80, 0x30, 0x01}, {0xF0, 0xFF, 0x00}}) {
            DecodedInsn d = d32(bytes);
            assertThat(d.lock).isTrue();
            assertThat(d.handler).as(d.row.toString()).isSameAs(d.row.handler);
        }
    }

    @Test
    void lockOnARegisterDestinationOrANonLockableInstructionIsUd() {
        Cpu cpu = CpuRig.flat32().cpu;
        int[][] cases = {
            {0xF0, 0x01, 0xC0},       // ADD EAX,EAX: register destination
            {0xF0, 0x87, 0xC1},       // XCHG ECX,EAX: register form
            {0xF0, 0x89, 0x00},       // MOV is not lockable
            {0xF0, 0x8B, 0x00},       // MOV to a register
            {0xF0, 0x39, 0x00},       // CMP writes nothing
            {0xF0, 0x85, 0x00},       // TEST
            {0xF0, 0x90},             // NOP
            {0xF0, 0x0F, 0xA3, 0x00}, // BT only reads
        };
        for (int[] bytes : cases) {
            DecodedInsn d = d32(bytes);
            String what = d.row.toString();
            assertThat(d.lock).as(what).isTrue();
            assertThat(d.handler).as(what).isNotSameAs(d.row.handler);
            CpuFault f = catchThrowableOfType(CpuFault.class, () -> d.handler.exec(cpu, d));
            assertThat(f).as(what).isNotNull();
            assertThat(f.vector).as(what).isEqualTo(Exceptions.UD);
        }
    }

    // ------------------------------------------------------------------ groups

    private static void assertGroup(int[] opcode, String... names) {
        for (int reg = 0; reg < 8; reg++) {
            int[] bytes = java.util.Arrays.copyOf(opcode, opcode.length + 1);
            bytes[opcode.length] = modrm(0, reg, 0);
            DecodedInsn d = d32(bytes);
            String want = names[reg];
            assertThat(d.row.has(Attr.INVALID) ? "-" : d.row.mnemonic).as("%s /%d", d.row, reg).isEqualTo(want);
            if (!want.equals("-")) {
                assertThat(d.row.groupReg).isEqualTo(reg);
            }
        }
    }

    @Test
    void groupsSelectTheirRowByModrmReg() {
        String[] alu = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
        assertGroup(new int[] {0x80}, alu);
        assertGroup(new int[] {0x81}, alu);
        assertGroup(new int[] {0x82}, alu);
        assertGroup(new int[] {0x83}, alu);
        for (int op : new int[] {0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3}) {
            // /6 is the undocumented alias of /4 (SAL is SHL).
            String[] names = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
            assertGroup(new int[] {op}, names);
        }
        String[] g3 = {"TEST", "TEST", "NOT", "NEG", "MUL", "IMUL", "DIV", "IDIV"};
        assertGroup(new int[] {0xF6}, g3);
        assertGroup(new int[] {0xF7}, g3);
        assertGroup(new int[] {0xFE}, "INC", "DEC", "-", "-", "-", "-", "-", "-");
        assertGroup(new int[] {0xFF}, "INC", "DEC", "CALL", "CALLF", "JMP", "JMPF", "PUSH", "-");
        assertGroup(new int[] {0x8F}, "POP", "-", "-", "-", "-", "-", "-", "-");
        assertGroup(new int[] {0xC6}, "MOV", "-", "-", "-", "-", "-", "-", "-");
        assertGroup(new int[] {0xC7}, "MOV", "-", "-", "-", "-", "-", "-", "-");
        assertGroup(new int[] {0x0F, 0x00}, "SLDT", "STR", "LLDT", "LTR", "VERR", "VERW", "-", "-");
        // 0F 01 /7 is INVLPG, a 486 instruction.
        assertGroup(new int[] {0x0F, 0x01}, "SGDT", "SIDT", "LGDT", "LIDT", "SMSW", "-", "LMSW", "-");
        assertGroup(new int[] {0x0F, 0xBA}, "-", "-", "-", "-", "BT", "BTS", "BTR", "BTC");
    }

    @Test
    void groupThreeTestHasAnImmediateAndTheOthersDoNot() {
        assertThat(d32(0xF6, modrm(3, 0, 0), 0x55).length).isEqualTo(3);
        assertThat(d32(0xF7, modrm(3, 1, 0), 1, 2, 3, 4).length).isEqualTo(6);
        assertThat(d32(0x66, 0xF7, modrm(3, 0, 0), 1, 2).length).isEqualTo(5);
        for (int reg = 2; reg < 8; reg++) {
            assertThat(d32(0xF7, modrm(3, reg, 0)).length).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------ immediates

    @Test
    void ibIsUnsignedAndIbsIsSignExtended() {
        assertThat(d32(0xB0, 0xFF).imm).as("MOV AL,Ib").isEqualTo(0xFF);
        assertThat(d32(0x80, 0xC0, 0x80).imm).as("ADD Eb,Ib").isEqualTo(0x80);
        assertThat(d32(0x83, 0xC0, 0xFF).imm).as("ADD Ev,Ibs").isEqualTo(-1);
        assertThat(d32(0x66, 0x83, 0xC0, 0x80).imm).as("ADD Ew,Ibs").isEqualTo(-128);
        assertThat(d32(0x6A, 0x80).imm).as("PUSH Ibs").isEqualTo(-128);
        assertThat(d32(0x6B, 0xC0, 0xFE).imm).as("IMUL Gv,Ev,Ibs").isEqualTo(-2);
        assertThat(d32(0xCD, 0x80).imm).as("INT Ib").isEqualTo(0x80);
        assertThat(d32(0xE4, 0xF0).imm).as("IN AL,Ib").isEqualTo(0xF0);
    }

    @Test
    void iwIsTwoBytesWhateverTheOperandSize() {
        for (DecodedInsn d : new DecodedInsn[] {d32(0xC2, 0x34, 0x12), d16(0xC2, 0x34, 0x12)}) {
            assertThat(d.imm).isEqualTo(0x1234);
            assertThat(d.length).isEqualTo(3);
        }
        assertThat(d32(0x66, 0xCA, 0x34, 0x12).length).isEqualTo(4);
    }

    @Test
    void ivFollowsTheOperandSize() {
        DecodedInsn a = d32(0xB8, 0x78, 0x56, 0x34, 0x12);
        assertThat(a.imm).isEqualTo(0x12345678);
        assertThat(a.length).isEqualTo(5);
        DecodedInsn b = d32(0x66, 0xB8, 0x34, 0x82);
        assertThat(b.imm & 0xFFFF).isEqualTo(0x8234);
        assertThat(b.length).isEqualTo(4);
        assertThat(d16(0xB8, 0x34, 0x12).length).isEqualTo(3);
        assertThat(d16(0x66, 0xB8, 1, 2, 3, 4).length).isEqualTo(6);
        assertThat(d16(0x68, 0x34, 0x12).imm).isEqualTo(0x1234);
        // An address-size prefix does not change the immediate.
        assertThat(d32(0x67, 0x05, 1, 2, 3, 4).length).isEqualTo(6);
    }

    @Test
    void relativeBranchesAreSignedDisplacements() {
        assertThat(d32(0xEB, 0xFE).imm).isEqualTo(-2);
        assertThat(d32(0x74, 0x7F).imm).isEqualTo(127);
        assertThat(d32(0x74, 0x80).imm).isEqualTo(-128);
        assertThat(d16(0xE2, 0xFC).imm).isEqualTo(-4);
        DecodedInsn jv32 = d32(0xE9, 0xFE, 0xFF, 0xFF, 0xFF);
        assertThat(jv32.imm).isEqualTo(-2);
        assertThat(jv32.length).isEqualTo(5);
        DecodedInsn jv16 = d16(0xE9, 0xFE, 0xFF);
        assertThat(jv16.imm).isEqualTo(-2);
        assertThat(jv16.length).isEqualTo(3);
        DecodedInsn jv16in32 = d32(0x66, 0xE8, 0x00, 0x80);
        assertThat(jv16in32.imm).isEqualTo(-0x8000);
        assertThat(jv16in32.length).isEqualTo(4);
        assertThat(d32(0x0F, 0x84, 1, 0, 0, 0).length).isEqualTo(6);
        assertThat(d32(0x66, 0x0F, 0x84, 1, 0).length).isEqualTo(5);
        assertThat(d16(0x0F, 0x8F, 0xFF, 0x7F).imm).isEqualTo(0x7FFF);
    }

    @Test
    void farPointerOffsetFollowsTheOperandSize() {
        DecodedInsn a = d16(0xEA, 0x34, 0x12, 0x78, 0x56);
        assertThat(a.imm).isEqualTo(0x1234);
        assertThat(a.imm2).isEqualTo(0x5678);
        assertThat(a.length).isEqualTo(5);
        DecodedInsn b = d32(0x9A, 0x78, 0x56, 0x34, 0x12, 0xBC, 0x9A);
        assertThat(b.imm).isEqualTo(0x12345678);
        assertThat(b.imm2).isEqualTo(0x9ABC);
        assertThat(b.length).isEqualTo(7);
        DecodedInsn c = d32(0x66, 0xEA, 0x34, 0x12, 0x78, 0x56);
        assertThat(c.imm).isEqualTo(0x1234);
        assertThat(c.imm2).isEqualTo(0x5678);
        assertThat(c.length).isEqualTo(6);
    }

    @Test
    void memoryOffsetFollowsTheAddressSize() {
        DecodedInsn a = d32(0xA0, 0x78, 0x56, 0x34, 0x12);
        assertThat(a.length).isEqualTo(5);
        assertThat(a.disp).isEqualTo(0x12345678);
        assertThat(a.isMem()).isTrue();
        assertThat(a.base).isEqualTo(-1);
        assertThat(a.index).isEqualTo(-1);
        assertThat(a.seg).isEqualTo(Cpu.DS);
        assertThat(a.osize).isEqualTo(1);
        DecodedInsn b = d32(0x67, 0xA1, 0x34, 0x12);
        assertThat(b.length).isEqualTo(4);
        assertThat(b.disp & 0xFFFF).isEqualTo(0x1234);
        assertThat(b.osize).isEqualTo(4);
        DecodedInsn c = d32(0x66, 0xA3, 1, 2, 3, 4);
        assertThat(c.length).isEqualTo(6);
        assertThat(c.osize).isEqualTo(2);
        assertThat(d16(0xA1, 0x34, 0x12).length).isEqualTo(3);
        assertThat(d16(0x67, 0xA2, 1, 2, 3, 4).length).isEqualTo(6);
        assertThat(d16(0x26, 0xA0, 0x34, 0x12).seg).isEqualTo(Cpu.ES);
        // A moffs is never SS-relative: there is no base register.
        assertThat(d32(0xA1, 0, 0, 0, 0).seg).isEqualTo(Cpu.DS);
    }

    @Test
    void enterTakesAWordAndAByte() {
        DecodedInsn d = d32(0xC8, 0x34, 0x12, 0x05);
        assertThat(d.imm).isEqualTo(0x1234);
        assertThat(d.imm2).isEqualTo(5);
        assertThat(d.length).isEqualTo(4);
        assertThat(d16(0xC8, 0xFF, 0xFF, 0xFF).imm2).isEqualTo(0xFF);
        assertThat(d16(0x66, 0xC8, 0, 0, 0).length).isEqualTo(5);
    }

    // ------------------------------------------------------------------ operand kinds

    @Test
    void operandKindsFollowTheRow() {
        DecodedInsn addEG = d32(0x01, 0xD8); // ADD EAX,EBX (Ev,Gv)
        assertThat(addEG.k1).isEqualTo(DecodedInsn.K_E);
        assertThat(addEG.rm).isEqualTo(Cpu.EAX);
        assertThat(addEG.k2).isEqualTo(DecodedInsn.K_G);
        assertThat(addEG.r2).isEqualTo(Cpu.EBX);
        DecodedInsn addGE = d32(0x03, 0xD8); // ADD EBX,EAX (Gv,Ev)
        assertThat(addGE.k1).isEqualTo(DecodedInsn.K_G);
        assertThat(addGE.r1).isEqualTo(Cpu.EBX);
        assertThat(addGE.k2).isEqualTo(DecodedInsn.K_E);
        DecodedInsn movReg = d32(0xB9, 1, 0, 0, 0); // MOV ECX,Iv
        assertThat(movReg.k1).isEqualTo(DecodedInsn.K_REG);
        assertThat(movReg.r1).isEqualTo(Cpu.ECX);
        assertThat(movReg.k2).isEqualTo(DecodedInsn.K_IMM);
        assertThat(movReg.imm).isEqualTo(1);
        DecodedInsn movAh = d32(0xB4, 7); // MOV AH,Ib: register 4 of the byte set
        assertThat(movAh.r1).isEqualTo(4);
        assertThat(movAh.osize).isEqualTo(1);
        DecodedInsn shl1 = d32(0xD1, 0xE0); // SHL EAX,1
        assertThat(shl1.k2).isEqualTo(DecodedInsn.K_IMM);
        assertThat(shl1.imm).isEqualTo(1);
        assertThat(shl1.length).isEqualTo(2);
        DecodedInsn shlCl = d32(0xD3, 0xE0); // SHL EAX,CL
        assertThat(shlCl.k2).isEqualTo(DecodedInsn.K_REG);
        assertThat(shlCl.r2).isEqualTo(Cpu.ECX);
        DecodedInsn moffs = d32(0xA1, 0, 0, 0, 0); // MOV EAX,Ov
        assertThat(moffs.k1).isEqualTo(DecodedInsn.K_REG);
        assertThat(moffs.k2).isEqualTo(DecodedInsn.K_E);
        DecodedInsn push = d32(0x52); // PUSH EDX
        assertThat(push.k1).isEqualTo(DecodedInsn.K_REG);
        assertThat(push.r1).isEqualTo(Cpu.EDX);
        assertThat(d32(0x90).k1).isEqualTo(DecodedInsn.K_NONE);
    }

    // ------------------------------------------------------------------ special forms

    @Test
    void movToAndFromControlRegistersIgnoresMod() {
        int[][] forms = {
            {0x0F, 0x20, modrm(0, 0, 0)}, // would be [EAX]
            {0x0F, 0x20, modrm(0, 3, 5)}, // would be [disp32]
            {0x0F, 0x22, modrm(1, 3, 0)}, // would have a disp8
            {0x0F, 0x22, modrm(2, 0, 4)}, // would have a SIB and a disp32
            {0x0F, 0x21, modrm(1, 7, 1)}, {0x0F, 0x23, modrm(2, 6, 2)},
            {0x0F, 0x24, modrm(0, 6, 4)}, {0x0F, 0x26, modrm(0, 7, 5)},
        };
        for (int[] f : forms) {
            for (DecodedInsn d : new DecodedInsn[] {d32(f), d16(f)}) {
                assertThat(d.length).as(d.row.toString()).isEqualTo(3);
                assertThat(d.isMem()).isFalse();
                assertThat(d.reg).isEqualTo(f[2] >>> 3 & 7);
                assertThat(d.rm).isEqualTo(f[2] & 7);
            }
        }
    }

    @Test
    void invalidEncodingsGiveTheInvalidRow() {
        int[][] cases = {
            {0x0F, 0x0B},             // UD2 is defined as undefined
            {0x0F, 0xFF}, {0x0F, 0x05}, {0x0F, 0x30},
            {0x0F, 0xA2},             // CPUID: Pentium
            {0x0F, 0xC8},             // BSWAP: 486
            {0x0F, 0xB0, 0x00},       // CMPXCHG: 486
            {0x0F, 0x01, 0x38},       // INVLPG: 486
            {0x0F, 0x01, 0x28},       // 0F 01 /5
            {0x0F, 0x00, 0x30},       // 0F 00 /6
            {0x0F, 0xBA, 0x18, 0x01}, // 0F BA /3
            {0xFE, 0x10}, {0xFF, 0x38}, {0x8F, 0x08}, {0xC6, 0x08, 0x00}, {0xC7, 0x38, 0, 0, 0, 0},
            {0x8D, 0xC0},             // LEA with a register operand
            {0xC4, 0xC0}, {0xC5, 0xC1}, {0x0F, 0xB2, 0xC0}, {0x0F, 0xB4, 0xC0}, {0x0F, 0xB5, 0xC0},
            {0x62, 0xC0},             // BOUND with a register
            {0xFF, 0xD8}, {0xFF, 0xE8}, // far CALL/JMP through a register
            {0x0F, 0x01, 0xC0}, {0x0F, 0x01, 0xD8}, // SGDT/LIDT with a register
        };
        Cpu cpu = CpuRig.flat32().cpu;
        for (int[] c : cases) {
            for (DecodedInsn d : new DecodedInsn[] {d32(c), d16(c)}) {
                assertThat(d.row).as(java.util.Arrays.toString(c)).isSameAs(OpcodeTable.INVALID);
                assertThat(d.length).isGreaterThan(0);
                CpuFault f = catchThrowableOfType(CpuFault.class, () -> d.handler.exec(cpu, d));
                assertThat(f.vector).isEqualTo(Exceptions.UD);
            }
        }
    }

    @Test
    void prefixesBeforeAnInvalidOpcodeAreStillRead() {
        DecodedInsn d = d32(0x66, 0x26, 0x0F, 0x0B);
        assertThat(d.row).isSameAs(OpcodeTable.INVALID);
        assertThat(d.o32).isFalse();
        assertThat(d.seg).isEqualTo(Cpu.ES);
    }
}
