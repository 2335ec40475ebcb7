package org.jinx.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The r/m operand of a generated instruction: a register, or a memory operand together with
 * the setup instructions that point its base and index registers at the chosen address. The
 * address always lies in the data buffer (or, for ESP-based forms, in the stack area), in every
 * addressing form: disp32, base, base+disp8/32, SIB with and without base or index, and the
 * eight 16-bit forms behind a 67 prefix (with an ES or FS override, whose base is the buffer).
 */
final class Operand {
    static final int ES = 0x26, CS = 0x2E, SS = 0x36, DS = 0x3E, FS = 0x64;

    final boolean isReg;
    final int reg;
    /** Setup instructions (MOV r32, imm32), run before the instruction. */
    final List<int[]> setup;
    /** Segment override prefix, or 0. */
    final int segPrefix;
    final boolean addr16;
    final int mod;
    final int rm;
    /** SIB byte and displacement, in order. */
    final int[] tail;
    /** Linear address of the operand's first byte (0 when ESP-based or a register). */
    final int linear;
    /** For ESP-based forms: the address is ESP + espOffset at the instruction. */
    final boolean espBased;
    final int espOffset;
    /** Registers the setup writes. */
    final int clobbers;

    private Operand(boolean isReg, int reg, List<int[]> setup, int segPrefix, boolean addr16, int mod, int rm,
            int[] tail, int linear, boolean espBased, int espOffset, int clobbers) {
        this.isReg = isReg;
        this.reg = reg;
        this.setup = setup;
        this.segPrefix = segPrefix;
        this.addr16 = addr16;
        this.mod = mod;
        this.rm = rm;
        this.tail = tail;
        this.linear = linear;
        this.espBased = espBased;
        this.espOffset = espOffset;
        this.clobbers = clobbers;
    }

    static Operand register(int r) {
        return new Operand(true, r, List.of(), 0, false, 3, r, new int[0], 0, false, 0, 0);
    }

    boolean isMem() {
        return !isReg;
    }

    /** Appends the segment and address-size prefixes. */
    void prefixes(ByteList out) {
        if (segPrefix != 0) {
            out.add(segPrefix);
        }
    }

    void addrPrefix(ByteList out) {
        if (addr16) {
            out.add(0x67);
        }
    }

    /** Appends ModRM (with {@code regField}), SIB and displacement. */
    void modrm(ByteList out, int regField) {
        out.add(mod << 6 | (regField & 7) << 3 | rm);
        out.add(tail);
    }

    static int[] movImm32(int r, int v) {
        return new int[] {0xB8 + r, v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24};
    }

    /** Chooses memory operands. */
    static final class Chooser {
        private final Rng rng;

        Chooser(Rng rng) {
            this.rng = rng;
        }

        /** A buffer offset for an operand of {@code size} bytes: often a small hot area, so operands overlap. */
        int dataOffset(int size) {
            if (rng.chance(0.5)) {
                return 0x100 + rng.below(0x40);
            }
            return rng.below(Layout.DATA_SIZE - size + 1);
        }

        /**
         * A memory operand of {@code size} bytes at a random data offset. {@code avoid} is a
         * mask of registers (bit n = register n) the setup must not use; {@code readOnly}
         * allows a CS override; {@code espOk} allows ESP-based forms.
         */
        Operand mem(int size, int avoid, boolean readOnly, boolean espOk) {
            if (espOk && rng.chance(0.08)) {
                return espBased(size, avoid);
            }
            int off = dataOffset(size);
            return at(off, avoid, readOnly);
        }

        /** A memory operand addressing buffer offset {@code off}. */
        Operand at(int off, int avoid, boolean readOnly) {
            if (rng.chance(0.2) && (avoid & 0xE8) == 0) {
                // 16-bit addressing needs a segment based at the buffer.
                return form16(off, rng.chance(0.5) ? ES : FS, avoid);
            }
            int seg;
            int x = rng.below(100);
            if (x < 50) {
                seg = 0;
            } else if (x < 58) {
                seg = DS;
            } else if (x < 64) {
                seg = SS;
            } else if (x < 76) {
                seg = ES;
            } else if (x < 90) {
                seg = FS;
            } else {
                seg = readOnly ? CS : 0;
            }
            int ea = seg == ES || seg == FS ? off : Layout.BUF + off;
            return form32(ea, seg, avoid);
        }

        private int freeReg(int avoid, boolean allowEbp) {
            for (int tries = 0; tries < 64; tries++) {
                int r = rng.below(8);
                if (r != 4 && (allowEbp || r != 5) && (avoid & 1 << r) == 0) {
                    return r;
                }
            }
            return -1;
        }

        private Operand form32(int ea, int seg, int avoid) {
            List<int[]> setup = new ArrayList<>();
            ByteList tail = new ByteList();
            int form = rng.below(7);
            int base = freeReg(avoid, true);
            int index = freeReg(avoid | (base >= 0 ? 1 << base : 0), true);
            if (base < 0 || index < 0) {
                form = 0;
            }
            switch (form) {
                case 0: // [disp32]
                    tail.addLe(ea, 4);
                    return mem(setup, seg, false, 0, 5, tail, ea, 0);
                case 1: { // [base]
                    if (base == 5) {
                        base = 3;
                        if ((avoid & 8) != 0) {
                            tail.addLe(ea, 4);
                            return mem(setup, seg, false, 0, 5, tail, ea, 0);
                        }
                    }
                    setup.add(movImm32(base, ea));
                    return mem(setup, seg, false, 0, base, tail, ea, 1 << base);
                }
                case 2: { // [base + disp8]
                    int d = rng.range(-128, 127);
                    setup.add(movImm32(base, ea - d));
                    tail.add(d);
                    return mem(setup, seg, false, 1, base, tail, ea, 1 << base);
                }
                case 3: { // [base + disp32], the sum may wrap around 2^32
                    int d = rng.value();
                    setup.add(movImm32(base, ea - d));
                    tail.addLe(d, 4);
                    return mem(setup, seg, false, 2, base, tail, ea, 1 << base);
                }
                case 4: { // [base + index*scale + disp0/8/32]
                    int scale = rng.below(4);
                    int iv = rng.chance(0.5) ? rng.range(-64, 64) : rng.value();
                    int mod = base == 5 ? 1 + rng.below(2) : rng.below(3);
                    int d = mod == 0 ? 0 : mod == 1 ? rng.range(-128, 127) : rng.value();
                    setup.add(movImm32(index, iv));
                    setup.add(movImm32(base, ea - (iv << scale) - d));
                    tail.add(scale << 6 | index << 3 | base);
                    if (mod != 0) {
                        tail.addLe(d, mod == 1 ? 1 : 4);
                    }
                    return mem(setup, seg, false, mod, 4, tail, ea, 1 << base | 1 << index);
                }
                case 5: { // [index*scale + disp32], no base
                    int scale = rng.below(4);
                    int iv = rng.chance(0.5) ? rng.range(-64, 64) : rng.value();
                    int d = ea - (iv << scale);
                    setup.add(movImm32(index, iv));
                    tail.add(scale << 6 | index << 3 | 5);
                    tail.addLe(d, 4);
                    return mem(setup, seg, false, 0, 4, tail, ea, 1 << index);
                }
                default: { // SIB without index, or base == index
                    if (rng.chance(0.5)) {
                        int d = rng.range(-128, 127);
                        setup.add(movImm32(base, ea - d));
                        tail.add(rng.below(4) << 6 | 4 << 3 | base);
                        tail.add(d);
                        return mem(setup, seg, false, 1, 4, tail, ea, 1 << base);
                    }
                    int scale = rng.below(4);
                    int v = rng.range(-1000, 1000);
                    int d = ea - v - (v << scale);
                    setup.add(movImm32(base, v));
                    tail.add(scale << 6 | base << 3 | base);
                    tail.addLe(d, 4);
                    return mem(setup, seg, false, 2, 4, tail, ea, 1 << base);
                }
            }
        }

        /** 16-bit forms: [BX+SI] [BX+DI] [BP+SI] [BP+DI] [SI] [DI] [BP]/disp16 [BX], the sum wrapping at 64K. */
        private Operand form16(int ea, int seg, int avoid) {
            final int bx = 3, bp = 5, si = 6, di = 7;
            int[][] regsOf = {{bx, si}, {bx, di}, {bp, si}, {bp, di}, {si}, {di}, {bp}, {bx}};
            int rm;
            int mod;
            do {
                rm = rng.below(8);
                mod = rng.below(3);
            } while (rm == 6 && mod == 0 && rng.chance(0.7));
            ByteList tail = new ByteList();
            List<int[]> setup = new ArrayList<>();
            if (rm == 6 && mod == 0) {
                tail.addLe(ea, 2);
                return mem(setup, seg, true, 0, 6, tail, ea, 0);
            }
            int d = mod == 0 ? 0 : mod == 1 ? rng.range(-128, 127) : rng.bits32() & 0xFFFF;
            int[] regs = regsOf[rm];
            int clobbers = 0;
            int rest = ea - d;
            for (int i = 0; i < regs.length; i++) {
                int low = i == regs.length - 1 ? rest : rng.bits32();
                rest -= low;
                int v = rng.bits32() & 0xFFFF0000 | low & 0xFFFF;
                setup.add(movImm32(regs[i], v));
                clobbers |= 1 << regs[i];
            }
            if (mod != 0) {
                tail.addLe(d, mod == 1 ? 1 : 2);
            }
            return mem(setup, seg, true, mod, rm, tail, ea, clobbers);
        }

        /** [ESP + disp] or [ESP + index*scale + disp]: the address moves with the stack. */
        private Operand espBased(int size, int avoid) {
            int off = rng.range(-0x40, 0x40 - size);
            List<int[]> setup = new ArrayList<>();
            ByteList tail = new ByteList();
            int index = freeReg(avoid, true);
            if (index >= 0 && rng.chance(0.3)) {
                int scale = rng.below(4);
                int iv = rng.range(-4, 4);
                setup.add(movImm32(index, iv));
                tail.add(scale << 6 | index << 3 | 4);
                tail.addLe(off - (iv << scale), 4);
                return new Operand(false, 0, setup, rng.chance(0.3) ? SS : 0, false, 2, 4, tail.toInts(), 0, true, off,
                        1 << index);
            }
            int d = off;
            int mod = d == 0 && rng.chance(0.5) ? 0 : d >= -128 && d <= 127 ? 1 : 2;
            tail.add(rng.below(4) << 6 | 4 << 3 | 4);
            if (mod != 0) {
                tail.addLe(d, mod == 1 ? 1 : 4);
            }
            return new Operand(false, 0, setup, 0, false, mod, 4, tail.toInts(), 0, true, off, 0);
        }

        private static Operand mem(List<int[]> setup, int seg, boolean addr16, int mod, int rm, ByteList tail,
                int ea, int clobbers) {
            int linear = seg == ES || seg == FS ? Layout.BUF + ea : ea;
            return new Operand(false, 0, setup, seg, addr16, mod, rm, tail.toInts(), linear, false, 0, clobbers);
        }
    }
}
