package org.jinx.cpu.decode;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Segment;

/**
 * Turns instruction bytes into {@link DecodedInsn}s by reading {@link OpcodeTable}. Bytes come
 * from a {@link ByteSource}: the guest's code segment through paging (where a fetch may fault)
 * or a plain array for the disassembler. Instructions that lie within one physical page are
 * cached by physical address.
 */
public final class Decoder {
    /** The 386 raises #GP(0) for an instruction longer than this. */
    public static final int MAX_LENGTH = 15;

    /** Where instruction bytes come from. */
    public interface ByteSource {
        /** The byte at offset {@code i} from the instruction's start (0-255). */
        int byteAt(int i);
    }

    /** Thrown by a {@link ByteSource} over an array that has run out of bytes. */
    public static final class EndOfBytes extends RuntimeException {
        public EndOfBytes() {
            super("instruction runs past the end of the bytes", null, false, false);
        }
    }

    private final Cpu cpu;
    private final DecodedInsn.Builder scratch = new DecodedInsn.Builder();
    private int fetchEip;
    private int fetchBase;
    private long fetchHi;
    private boolean fetchUser;
    private final ByteSource guest = this::guestByte;
    public long decodes;

    public Decoder(Cpu cpu) {
        this.cpu = cpu;
    }

    private int guestByte(int i) {
        if (i >= MAX_LENGTH) {
            throw cpu.gp(0);
        }
        // No wrap: an instruction whose bytes run past the CS limit (past offset FFFFH in real
        // mode, 386 manual 14.7) is #GP(0), as it is past 4 GiB in 32-bit code.
        long off = (fetchEip & 0xFFFFFFFFL) + i;
        if (off > fetchHi) {
            throw cpu.gp(0);
        }
        int lin = fetchBase + (int) off;
        return cpu.mem.read8(cpu.paging.translate(lin, false, fetchUser));
    }

    /** The instruction at CS:eip, from the cache when possible. */
    public DecodedInsn fetch(int eip) {
        Segment cs = cpu.seg[Cpu.CS];
        boolean code32 = cs.big;
        int lin = cs.base + eip;
        boolean user = cpu.cpl == 3;
        long off = eip & 0xFFFFFFFFL;
        if (off > cs.hi) {
            throw cpu.gp(0);
        }
        int phys = cpu.paging.translate(lin, false, user);
        DecodeCache cache = cpu.decodeCache;
        DecodedInsn d = cache.lookup(phys, code32);
        if (d != null) {
            if (off + d.length - 1 > cs.hi) {
                throw cpu.gp(0);
            }
            return d;
        }
        fetchEip = eip;
        fetchBase = cs.base;
        fetchHi = cs.hi;
        fetchUser = user;
        d = decode(guest, code32, scratch);
        decodes++;
        if ((phys & 0xFFF) + d.length <= 0x1000 && (lin & 0xFFF) + d.length <= 0x1000) {
            cache.store(phys, code32, d);
        }
        return d;
    }

    /** Decodes one instruction from an array (the disassembler and tests). */
    public static DecodedInsn decode(byte[] bytes, int offset, boolean code32) {
        return decode(i -> {
            if (offset + i >= bytes.length || i >= MAX_LENGTH) {
                throw new EndOfBytes();
            }
            return bytes[offset + i] & 0xFF;
        }, code32, new DecodedInsn.Builder());
    }

    static DecodedInsn decode(ByteSource src, boolean code32, DecodedInsn.Builder b) {
        b.clear();
        int p = 0;
        boolean opsize = false;
        boolean adsize = false;
        int opc;
        // Prefixes, in any order; the last segment override wins.
        prefixes:
        while (true) {
            int x = src.byteAt(p);
            switch (x) {
                case 0x26: b.seg = Cpu.ES; b.segOverride = true; break;
                case 0x2E: b.seg = Cpu.CS; b.segOverride = true; break;
                case 0x36: b.seg = Cpu.SS; b.segOverride = true; break;
                case 0x3E: b.seg = Cpu.DS; b.segOverride = true; break;
                case 0x64: b.seg = Cpu.FS; b.segOverride = true; break;
                case 0x65: b.seg = Cpu.GS; b.segOverride = true; break;
                case 0x66: opsize = true; break;
                case 0x67: adsize = true; break;
                case 0xF0: b.lock = true; break;
                case 0xF2: b.rep = 0xF2; break;
                case 0xF3: b.rep = 0xF3; break;
                default:
                    opc = x;
                    p++;
                    break prefixes;
            }
            p++;
        }
        b.o32 = code32 ^ opsize;
        b.a32 = code32 ^ adsize;
        OpcodeRow row;
        int mapOpc;
        if (opc == 0x0F) {
            int x = src.byteAt(p++);
            mapOpc = 0x100 | x;
            row = OpcodeTable.twoByte(x);
        } else {
            mapOpc = opc;
            row = OpcodeTable.oneByte(opc);
        }
        b.opcode = mapOpc;
        boolean group = row == null && OpcodeTable.isGroup(mapOpc);
        if (row == null && !group) {
            return invalid(b, p);
        }
        if (group || row.needsModrm()) {
            int modrm = src.byteAt(p++);
            b.mod = modrm >>> 6;
            b.reg = modrm >>> 3 & 7;
            b.rm = modrm & 7;
            if (group) {
                row = OpcodeTable.group(mapOpc, b.reg);
                if (row == null) {
                    return invalid(b, p);
                }
            }
            boolean registerOnly = !row.operands.isEmpty() && (row.operands.get(0).method == 'R'
                    || row.operands.size() > 1 && row.operands.get(1).method == 'R');
            if (registerOnly) {
                // MOV to and from CRn/DRn/TRn ignore mod: the operand is always a register.
                b.mod = 3;
            } else if (b.mod != 3) {
                p = b.a32 ? modrm32(src, p, b) : modrm16(src, p, b);
            }
        }
        b.row = row;
        if (b.seg < 0) {
            b.seg = Cpu.DS;
        }
        // Operand size of the operation: the first operand that names a size, skipping
        // immediates, branch targets, port numbers and segment registers.
        int osize = 0;
        for (Operand o : row.operands) {
            if (o.method == 'I' || o.method == 'J' || o.method == 's' || o == Operand.DX || o.method == 'A') {
                continue;
            }
            if (o.size == 'b') {
                osize = 1;
            } else if (o.size == 'w') {
                osize = 2;
            } else if (o.size == 'd') {
                osize = 4;
            } else if (o.size == 'v') {
                osize = b.o32 ? 4 : 2;
            } else {
                continue;
            }
            break;
        }
        if (osize == 0) {
            osize = b.o32 ? 4 : 2;
        }
        if (row.has(Attr.FIXED16)) {
            osize = 2;
        }
        b.osize = osize;
        // Immediates and the other operand fields, in operand order.
        boolean haveImm = false;
        for (int i = 0; i < row.operands.size(); i++) {
            Operand o = row.operands.get(i);
            int kind = DecodedInsn.K_NONE;
            int r = 0;
            switch (o.method) {
                case 'E':
                case 'M':
                    kind = DecodedInsn.K_E;
                    if (o.method == 'M' && b.mod == 3) {
                        return invalid(b, p);
                    }
                    break;
                case 'G':
                    kind = DecodedInsn.K_G;
                    r = b.reg;
                    break;
                case 'r':
                    kind = DecodedInsn.K_REG;
                    r = o.fixedRegister();
                    break;
                case '1':
                    kind = DecodedInsn.K_IMM;
                    b.imm = 1;
                    haveImm = true;
                    break;
                case 'O':
                    kind = DecodedInsn.K_E;
                    b.mod = 0;
                    b.base = -1;
                    b.index = -1;
                    if (b.a32) {
                        b.disp = src.byteAt(p) | src.byteAt(p + 1) << 8 | src.byteAt(p + 2) << 16
                                | src.byteAt(p + 3) << 24;
                        p += 4;
                    } else {
                        b.disp = src.byteAt(p) | src.byteAt(p + 1) << 8;
                        p += 2;
                    }
                    break;
                case 'I':
                case 'J': {
                    kind = DecodedInsn.K_IMM;
                    int v;
                    switch (o.size) {
                        case 'b':
                            v = src.byteAt(p++);
                            if (o.method == 'J') {
                                v = (byte) v;
                            }
                            break;
                        case 'B':
                            v = (byte) src.byteAt(p++);
                            break;
                        case 'w':
                            v = src.byteAt(p) | src.byteAt(p + 1) << 8;
                            p += 2;
                            break;
                        default:
                            if (b.o32) {
                                v = src.byteAt(p) | src.byteAt(p + 1) << 8 | src.byteAt(p + 2) << 16
                                        | src.byteAt(p + 3) << 24;
                                p += 4;
                            } else {
                                v = src.byteAt(p) | src.byteAt(p + 1) << 8;
                                p += 2;
                                if (o.method == 'J') {
                                    v = (short) v;
                                }
                            }
                            break;
                    }
                    if (haveImm) {
                        b.imm2 = v;
                    } else {
                        b.imm = v;
                        haveImm = true;
                    }
                    break;
                }
                case 'A':
                    if (b.o32) {
                        b.imm = src.byteAt(p) | src.byteAt(p + 1) << 8 | src.byteAt(p + 2) << 16
                                | src.byteAt(p + 3) << 24;
                        p += 4;
                    } else {
                        b.imm = src.byteAt(p) | src.byteAt(p + 1) << 8;
                        p += 2;
                    }
                    b.imm2 = src.byteAt(p) | src.byteAt(p + 1) << 8;
                    p += 2;
                    break;
                default:
                    break;
            }
            if (i == 0) {
                b.k1 = kind;
                b.r1 = r;
            } else if (i == 1) {
                b.k2 = kind;
                b.r2 = r;
            }
        }
        if (p > MAX_LENGTH) {
            src.byteAt(MAX_LENGTH); // raises #GP(0) for a guest fetch
        }
        b.length = p;
        if (b.lock && (!row.has(Attr.LOCKABLE) || b.mod == 3)) {
            b.handler = LOCK_UD;
        } else if (row.has(Attr.PRIVILEGED)) {
            InsnHandler h = row.handler;
            b.handler = (c, d) -> {
                if (c.cpl != 0) {
                    // LLDT and LTR are not recognised at all in virtual-8086 mode: #UD, not #GP.
                    if (d.opcode == 0x100 && c.v86()) {
                        throw c.ud();
                    }
                    throw c.gp(0);
                }
                h.exec(c, d);
            };
        }
        return new DecodedInsn(b);
    }

    private static final InsnHandler LOCK_UD = (c, d) -> {
        throw c.ud();
    };

    private static DecodedInsn invalid(DecodedInsn.Builder b, int p) {
        b.row = OpcodeTable.INVALID;
        b.handler = null;
        b.length = Math.max(p, 1);
        b.mod = 3;
        b.osize = b.o32 ? 4 : 2;
        if (b.seg < 0) {
            b.seg = Cpu.DS;
        }
        return new DecodedInsn(b);
    }

    /** 16-bit addressing: the eight base/index pairs of the 8086, BP-based ones default to SS. */
    private static int modrm16(ByteSource src, int p, DecodedInsn.Builder b) {
        switch (b.rm) {
            case 0: b.base = Cpu.EBX; b.index = Cpu.ESI; break;
            case 1: b.base = Cpu.EBX; b.index = Cpu.EDI; break;
            case 2: b.base = Cpu.EBP; b.index = Cpu.ESI; break;
            case 3: b.base = Cpu.EBP; b.index = Cpu.EDI; break;
            case 4: b.base = Cpu.ESI; break;
            case 5: b.base = Cpu.EDI; break;
            case 6: b.base = b.mod == 0 ? -1 : Cpu.EBP; break;
            default: b.base = Cpu.EBX; break;
        }
        if (!b.segOverride && b.base == Cpu.EBP) {
            b.seg = Cpu.SS;
        }
        if (b.mod == 0 && b.rm == 6) {
            b.disp = src.byteAt(p) | src.byteAt(p + 1) << 8;
            p += 2;
        } else if (b.mod == 1) {
            b.disp = (byte) src.byteAt(p++);
        } else if (b.mod == 2) {
            b.disp = (short) (src.byteAt(p) | src.byteAt(p + 1) << 8);
            p += 2;
        }
        return p;
    }

    /** 32-bit addressing with SIB: EBP or ESP as base selects SS by default. */
    private static int modrm32(ByteSource src, int p, DecodedInsn.Builder b) {
        if (b.rm == 4) {
            int sib = src.byteAt(p++);
            b.scale = sib >>> 6;
            int idx = sib >>> 3 & 7;
            b.index = idx == 4 ? -1 : idx;
            int base = sib & 7;
            if (base == 5 && b.mod == 0) {
                b.base = -1;
                b.disp = src.byteAt(p) | src.byteAt(p + 1) << 8 | src.byteAt(p + 2) << 16 | src.byteAt(p + 3) << 24;
                p += 4;
            } else {
                b.base = base;
            }
        } else if (b.rm == 5 && b.mod == 0) {
            b.base = -1;
            b.disp = src.byteAt(p) | src.byteAt(p + 1) << 8 | src.byteAt(p + 2) << 16 | src.byteAt(p + 3) << 24;
            p += 4;
        } else {
            b.base = b.rm;
        }
        if (!b.segOverride && (b.base == Cpu.ESP || b.base == Cpu.EBP)) {
            b.seg = Cpu.SS;
        }
        if (b.mod == 1) {
            b.disp = (byte) src.byteAt(p++);
        } else if (b.mod == 2) {
            b.disp = src.byteAt(p) | src.byteAt(p + 1) << 8 | src.byteAt(p + 2) << 16 | src.byteAt(p + 3) << 24;
            p += 4;
        }
        return p;
    }
}
