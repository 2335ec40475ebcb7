package org.jinx.tools.lockstep;

import java.io.IOException;
import java.util.Arrays;
import org.jinx.cpu.Cpu;

/**
 * The registers the lockstep compares, taken from Jinx's CPU or from a gdb {@code g} reply:
 * the general registers, EIP, EFLAGS, the six segment selectors and CR0, CR2, CR3, CR4.
 * Indexes follow gdb's i386 numbering (eax ecx edx ebx esp ebp esi edi eip eflags cs ss ds es
 * fs gs), then the control registers; {@link #NAMES} are the names in QEMU's target.xml.
 * Immutable.
 */
public final class Registers {
    public static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    public static final int EIP = 8, EFLAGS = 9;
    public static final int CS = 10, SS = 11, DS = 12, ES = 13, FS = 14, GS = 15;
    public static final int CR0 = 16, CR2 = 17, CR3 = 18, CR4 = 19;
    public static final int COUNT = 20;
    public static final String[] NAMES = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags",
        "cs", "ss", "ds", "es", "fs", "gs", "cr0", "cr2", "cr3", "cr4"};
    /** Jinx's Sreg index (ES CS SS DS FS GS) of gdb's segment registers cs ss ds es fs gs. */
    private static final int[] SREG_OF = {Cpu.CS, Cpu.SS, Cpu.DS, Cpu.ES, Cpu.FS, Cpu.GS};

    private final int[] v;

    private Registers(int[] v) {
        this.v = v;
    }

    /** Builds a set from values in index order (tests). */
    public static Registers of(int... values) {
        if (values.length != COUNT) {
            throw new IllegalArgumentException("need " + COUNT + " register values, got " + values.length);
        }
        return new Registers(values.clone());
    }

    /** Jinx's registers now. The 386 has no CR4: it reads as 0, which is what QEMU shows until a guest sets it. */
    public static Registers of(Cpu cpu) {
        int[] v = new int[COUNT];
        System.arraycopy(cpu.reg, 0, v, 0, 8);
        v[EIP] = cpu.eip;
        v[EFLAGS] = cpu.getEflags();
        for (int i = 0; i < 6; i++) {
            v[CS + i] = cpu.seg[SREG_OF[i]].selector & 0xFFFF;
        }
        v[CR0] = cpu.cr0;
        v[CR2] = cpu.cr2;
        v[CR3] = cpu.cr3;
        v[CR4] = 0;
        return new Registers(v);
    }

    /** The registers in a {@code g} reply (hex, target byte order), laid out by {@code layout}. */
    public static Registers fromG(String hex, TargetDescription layout) throws IOException {
        int[] v = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            TargetDescription.Reg r = layout.require(NAMES[i]);
            v[i] = littleEndian(hex, r.offset(), Math.min(4, r.bytes()));
            if (i >= CS && i <= GS) {
                v[i] &= 0xFFFF;
            }
        }
        return new Registers(v);
    }

    /** A little-endian value of {@code bytes} bytes at byte {@code offset} of a hex string. */
    static int littleEndian(String hex, int offset, int bytes) throws IOException {
        int end = (offset + bytes) * 2;
        if (hex.length() < end) {
            throw new IOException("register reply too short: " + hex.length() / 2 + " bytes, need " + (offset + bytes));
        }
        int value = 0;
        for (int b = bytes - 1; b >= 0; b--) {
            int p = (offset + b) * 2;
            int hi = Character.digit(hex.charAt(p), 16);
            int lo = Character.digit(hex.charAt(p + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IOException("register reply is not hex (or a register is unavailable) at byte " + (offset + b));
            }
            value = value << 8 | hi << 4 | lo;
        }
        return value;
    }

    /** {@code value} as {@code bytes} little-endian bytes in hex, as a {@code P} packet carries it. */
    static String toLittleEndianHex(int value, int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int b = 0; b < bytes; b++) {
            sb.append(String.format("%02x", value >>> (8 * b) & 0xFF));
        }
        return sb.toString();
    }

    public int get(int index) {
        return v[index];
    }

    /** A copy with one register replaced. */
    public Registers with(int index, int value) {
        int[] c = v.clone();
        c[index] = value;
        return new Registers(c);
    }

    /** Whether {@code index} is a segment register (compared and shown as a 16-bit selector). */
    public static boolean isSegment(int index) {
        return index >= CS && index <= GS;
    }

    /** Two lines, for reports: {@code eax=... } */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            if (i == EIP || i == CS || i == CR0) {
                sb.append(System.lineSeparator());
            } else if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format(isSegment(i) ? "%s=%04x" : "%s=%08x", NAMES[i], v[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registers && Arrays.equals(v, ((Registers) o).v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return format();
    }
}
