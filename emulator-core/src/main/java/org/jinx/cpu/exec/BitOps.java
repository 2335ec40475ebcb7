package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Bit tests and scans: BT BTS BTR BTC (0F A3/AB/B3/BB Ev,Gv and group 0F BA Ev,Ib), BSF BSR,
 * and SETcc.
 *
 * <p>BTx define only CF (the selected bit, before any change); the manual leaves OF SF AF PF
 * undefined and ZF unaffected, and we leave all of them unchanged. BSF and BSR define only ZF
 * and likewise leave the rest unchanged.
 */
public final class BitOps {
    private static final int TEST = 0, SET = 1, RESET = 2, COMPLEMENT = 3;

    private BitOps() {
    }

    public static void bt(Cpu cpu, DecodedInsn d) {
        bitOp(cpu, d, TEST);
    }

    public static void bts(Cpu cpu, DecodedInsn d) {
        bitOp(cpu, d, SET);
    }

    public static void btr(Cpu cpu, DecodedInsn d) {
        bitOp(cpu, d, RESET);
    }

    public static void btc(Cpu cpu, DecodedInsn d) {
        bitOp(cpu, d, COMPLEMENT);
    }

    /**
     * The bit offset comes from Gv or from Ib. An Ib offset, and any offset into a register
     * operand, is taken mod the operand size. A Gv offset into memory is a signed bit number
     * relative to the operand's address: the word or dword holding the bit is at
     * {@code ea + (offset >> 4) * 2} or {@code ea + (offset >> 5) * 4} (arithmetic shifts), so
     * it may lie anywhere from -2^31 bits below to 2^31 - 1 above. With 16-bit addressing the
     * adjusted offset wraps at 64K like any other effective address.
     */
    private static void bitOp(Cpu cpu, DecodedInsn d, int op) {
        int bits = d.osize << 3;
        boolean immediate = d.k2 == DecodedInsn.K_IMM;
        int offset = immediate ? d.imm : cpu.getOp2(d);
        int value;
        int addr = 0;
        if (d.mod == 3 || immediate) {
            value = cpu.getOp1(d);
            addr = cpu.lastEa;
            offset &= bits - 1;
        } else {
            if (bits == 16) {
                offset = (short) offset;
            }
            addr = cpu.ea(d) + (bits == 16 ? (offset >> 4) * 2 : (offset >> 5) * 4);
            if (!d.a32) {
                addr &= 0xFFFF;
            }
            offset &= bits - 1;
            value = cpu.read(d.osize, d.seg, addr);
        }
        int m = 1 << offset;
        cpu.setFlag(Cpu.CF, (value & m) != 0);
        if (op == TEST) {
            return;
        }
        int r = op == SET ? value | m : op == RESET ? value & ~m : value ^ m;
        if (d.mod == 3) {
            cpu.setReg(d.osize, d.rm, r);
        } else {
            cpu.write(d.osize, d.seg, addr, r);
        }
    }

    /**
     * BSF Gv,Ev: index of the lowest set bit. A zero source sets ZF and leaves Gv unchanged.
     * The 80386 takes 10 + 3n clocks, n being the number of zero bits it scans past (the
     * operand size for a zero source); the table charges 10.
     */
    public static void bsf(Cpu cpu, DecodedInsn d) {
        int v = cpu.getOp2(d);
        if (v == 0) {
            cpu.setFlag(Cpu.ZF, true);
            cpu.extraCycles += 3 * (d.osize << 3);
            return;
        }
        int n = Integer.numberOfTrailingZeros(v);
        cpu.setOp1(d, n);
        cpu.setFlag(Cpu.ZF, false);
        cpu.extraCycles += 3 * n;
    }

    /** BSR Gv,Ev: index of the highest set bit; scans from the top (see BSF for clocks). */
    public static void bsr(Cpu cpu, DecodedInsn d) {
        int v = cpu.getOp2(d);
        int bits = d.osize << 3;
        if (v == 0) {
            cpu.setFlag(Cpu.ZF, true);
            cpu.extraCycles += 3 * bits;
            return;
        }
        int index = 31 - Integer.numberOfLeadingZeros(v);
        cpu.setOp1(d, index);
        cpu.setFlag(Cpu.ZF, false);
        cpu.extraCycles += 3 * (bits - 1 - index);
    }

    /** SETcc Eb (0F 90-9F): 1 if the condition in the opcode's low nibble holds, else 0. */
    public static void setcc(Cpu cpu, DecodedInsn d) {
        cpu.storeOp1(d, cpu.condition(d.opcode & 0xF) ? 1 : 0);
    }
}
