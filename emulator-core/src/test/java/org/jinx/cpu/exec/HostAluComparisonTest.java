package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.AluAssert.A;
import static org.jinx.cpu.exec.AluAssert.C;
import static org.jinx.cpu.exec.AluAssert.O;
import static org.jinx.cpu.exec.AluAssert.OSZAPC;
import static org.jinx.cpu.exec.AluAssert.P;
import static org.jinx.cpu.exec.AluAssert.S;
import static org.jinx.cpu.exec.AluAssert.Z;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.decode.Decoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares Jinx with the real processor this test runs on. A fixed list of register-only ALU
 * instructions, each with chosen register values and flags, is assembled into one 32-bit Linux
 * program ({@code as --32}, {@code ld -m elf_i386}); the program runs every case and writes the
 * registers and EFLAGS after it to stdout. Jinx executes the same bytes from the same state and
 * the results must match in every register and every flag the manual defines for that case.
 *
 * <p>Skipped when the host is not x86, the tools are missing, or 32-bit programs cannot run.
 * Cases whose outcome the manual leaves undefined and that differ between vendors (a 16-bit
 * SHLD/SHRD count above 16, BSF/BSR of zero, division faults) are not in the list.
 */
class HostAluComparisonTest {
    /** Register order of a case and of the program's output: EAX ECX EDX EBX EBP ESI EDI. */
    private static final int[] REGS = {Cpu.EAX, Cpu.ECX, Cpu.EDX, Cpu.EBX, Cpu.EBP, Cpu.ESI, Cpu.EDI};
    private static final String[] REG_NAMES = {"eax", "ecx", "edx", "ebx", "ebp", "esi", "edi"};
    private static final int RECORD = 32;

    @TempDir
    Path dir;

    /** One instruction and the state it starts from. */
    private static final class Case {
        final String what;
        final int[] code;
        final int[] regs = {0, 0x33333333, 0x44444444, 0, 0x5A5A5A5A, 0x11111111, 0x22222222};
        int flags;
        /** Flags the manual leaves undefined for this case beyond the table row's own list. */
        int ignore;

        Case(String what, int... code) {
            this.what = what;
            this.code = code;
        }

        Case eax(int v) {
            regs[0] = v;
            return this;
        }

        Case ecx(int v) {
            regs[1] = v;
            return this;
        }

        Case edx(int v) {
            regs[2] = v;
            return this;
        }

        Case ebx(int v) {
            regs[3] = v;
            return this;
        }

        Case flags(int f) {
            flags = f;
            return this;
        }

        Case ignore(int f) {
            ignore |= f;
            return this;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(what).append(" [");
            for (int i = 0; i < code.length; i++) {
                sb.append(i == 0 ? "" : " ").append(String.format("%02X", code[i]));
            }
            sb.append("] in:");
            for (int i = 0; i < 4; i++) {
                sb.append(String.format(" %s=%08X", REG_NAMES[i], regs[i]));
            }
            return sb.append(" flags=").append(AluAssert.names(flags)).toString();
        }
    }

    // ---------------------------------------------------------------- the case list

    private static int[] sized(int size, int... rest) {
        if (size != 2) {
            return rest;
        }
        int[] out = new int[rest.length + 1];
        out[0] = 0x66;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static String sizeName(int size) {
        return size == 1 ? "8" : size == 2 ? "16" : "32";
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        int[] sizes = {1, 2, 4};
        String[] alu = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
        int[][] pairs = {{0, 0}, {0x7FFFFFFF, 1}, {0x80000000, 0xFFFFFFFF}, {0xFFFFFFFF, 1},
            {0x12345678, 0x9ABCDEF0}, {0x0000807F, 0x00008080}, {0x0F0F0F0F, 0x01010101}};
        for (int size : sizes) {
            int w = size == 1 ? 0 : 1;
            for (int op = 0; op < 9; op++) {
                int opcode = op < 8 ? op << 3 | w : 0x84 | w;
                String name = op < 8 ? alu[op] : "TEST";
                for (int[] p : pairs) {
                    for (int cf : new int[] {0, C}) {
                        list.add(new Case(name + sizeName(size) + " r,r", sized(size, opcode, 0xD8)).eax(p[0]).ebx(p[1])
                                .flags(cf | (cf != 0 ? Z : S)));
                    }
                }
            }
            // Immediate forms: Ib, Iv and the sign-extended Ibs of 83.
            list.add(new Case("ADD" + sizeName(size) + " r,Ibs", sized(size, size == 1 ? 0x80 : 0x83, 0xC0, 0xFF))
                    .eax(1));
            list.add(new Case("SUB" + sizeName(size) + " r,Ibs", sized(size, size == 1 ? 0x80 : 0x83, 0xE8, 0x80))
                    .eax(0x80));
            int[] unary = {0xFE, 0xFE, 0xF6, 0xF6};
            int[] unaryReg = {0, 1, 2, 3};
            String[] unaryName = {"INC", "DEC", "NOT", "NEG"};
            int[] values = {0, 1, 0x7F, 0x80, 0x7FFF, 0x8000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
            for (int u = 0; u < 4; u++) {
                for (int v : values) {
                    for (int cf : new int[] {0, C}) {
                        list.add(new Case(unaryName[u] + sizeName(size),
                                sized(size, unary[u] | w, 0xC0 | unaryReg[u] << 3)).eax(v).flags(cf | A));
                    }
                }
            }
            multiplies(list, size, w);
            shifts(list, size, w);
        }
        divides(list);
        doubleShifts(list);
        bitOps(list);
        setcc(list);
        bcd(list);
        return list;
    }

    private static void multiplies(List<Case> list, int size, int w) {
        int[][] pairs = {{0x80, 2}, {0xFF, 0xFF}, {0xFFFF, 0xFFFF}, {0xFFFFFFFF, 0xFFFFFFFF}, {0xFFFFFFFE, 3},
            {0x7FFFFFFF, 2}, {-3, 5}, {0x8000, 0x8000}, {0x80000000, 0xFFFFFFFF}, {0, 0x1234}, {0x101, 0xFF80}};
        for (int[] p : pairs) {
            list.add(new Case("MUL" + sizeName(size), sized(size, 0xF6 | w, 0xE3)).eax(p[0]).ebx(p[1]));
            list.add(new Case("IMUL" + sizeName(size), sized(size, 0xF6 | w, 0xEB)).eax(p[0]).ebx(p[1]));
            if (size != 1) {
                list.add(new Case("IMUL" + sizeName(size) + " Gv,Ev", sized(size, 0x0F, 0xAF, 0xC3)).eax(p[0])
                        .ebx(p[1]));
                for (int ib : new int[] {0x80, 0x7F, 0xFF, 0x02}) {
                    list.add(new Case("IMUL" + sizeName(size) + " Gv,Ev,Ibs", sized(size, 0x6B, 0xC3, ib)).ebx(p[1]));
                }
            }
        }
        if (size == 4) {
            for (int iv : new int[] {0x7FFFFFFF, 0x10000, 0xFFFFFFFF}) {
                list.add(new Case("IMUL32 Gv,Ev,Iv", 0x69, 0xC3, iv & 0xFF, iv >>> 8 & 0xFF, iv >>> 16 & 0xFF,
                        iv >>> 24).ebx(0x12345));
            }
        } else if (size == 2) {
            for (int iv : new int[] {0x8000, 0x00FF, 0xFFFF}) {
                list.add(new Case("IMUL16 Gv,Ev,Iv", 0x66, 0x69, 0xC3, iv & 0xFF, iv >>> 8).ebx(0x7FFF));
            }
        }
    }

    private static void divides(List<Case> list) {
        // {size, signed, edx, eax, ebx}: none of these faults.
        int[][] d = {
            {1, 0, 0, 0x0107, 0x10}, {1, 0, 0, 0x00FF, 0xFF}, {1, 0, 0, 0xFEFF, 0xFF},
            {2, 0, 1, 0, 3}, {2, 0, 0xFFFE, 0xFFFF, 0xFFFF},
            {4, 0, 1, 0, 2}, {4, 0, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF}, {4, 0, 0, 12345, 7},
            {1, 1, 0, 0xFFF9, 2}, {1, 1, 0, 0xFF80, 1}, {1, 1, 0, 0x007F, 0xFF}, {1, 1, 0, 0x0064, 0xF9},
            {2, 1, 0xFFFF, 0xFFF9, 0xFFFE}, {2, 1, 0, 0x7FFF, 0xFFFF},
            {4, 1, -1, 0x80000000, 1}, {4, 1, 0, 100, -7}, {4, 1, -1, -100, 7}, {4, 1, 0, 0x7FFFFFFF, -1}};
        for (int[] c : d) {
            int w = c[0] == 1 ? 0 : 1;
            String name = (c[1] == 0 ? "DIV" : "IDIV") + sizeName(c[0]);
            list.add(new Case(name, sized(c[0], 0xF6 | w, c[1] == 0 ? 0xF3 : 0xFB)).edx(c[2]).eax(c[3]).ebx(c[4])
                    .flags(C | Z));
        }
    }

    private static void shifts(List<Case> list, int size, int w) {
        String[] names = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
        int bits = size * 8;
        for (int op = 0; op < 8; op++) {
            for (int count : new int[] {0, 1, 2, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33}) {
                for (int cf : new int[] {0, C}) {
                    int masked = count & 0x1F;
                    Case c = new Case(names[op] + sizeName(size) + " CL=" + count, sized(size, 0xD2 | w, 0xC0 | op << 3))
                            .eax(0x81818181).ecx(count).flags(cf | P);
                    if (masked != 1) {
                        c.ignore(O);
                    }
                    if ((op == 4 || op == 5 || op == 6) && masked >= bits) {
                        c.ignore(C); // SDM: CF undefined when the count is not below the size
                    }
                    list.add(c);
                }
            }
            list.add(new Case(names[op] + sizeName(size) + " by 1", sized(size, 0xD0 | w, 0xC0 | op << 3))
                    .eax(0x40404040).flags(C));
            list.add(new Case(names[op] + sizeName(size) + " Ib 3", sized(size, 0xC0 | w, 0xC0 | op << 3, 3))
                    .eax(0xC3C3C3C3).ignore(O));
        }
    }

    private static void doubleShifts(List<Case> list) {
        for (int size : new int[] {2, 4}) {
            for (int count : new int[] {0, 1, 4, 8, 15, 16, 31, 32}) {
                if (size == 2 && (count & 0x1F) > 16) {
                    continue; // undefined, and Intel and AMD disagree
                }
                for (int cf : new int[] {0, C}) {
                    // OF is defined only for a count of 1.
                    int of = (count & 0x1F) == 1 ? 0 : O;
                    list.add(new Case("SHLD" + sizeName(size) + " CL=" + count, sized(size, 0x0F, 0xA5, 0xD8))
                            .eax(0x12345678).ebx(0x9ABCDEF0).ecx(count).flags(cf).ignore(of));
                    list.add(new Case("SHRD" + sizeName(size) + " CL=" + count, sized(size, 0x0F, 0xAD, 0xD8))
                            .eax(0x87654321).ebx(0x0FEDCBA9).ecx(count).flags(cf).ignore(of));
                }
            }
            list.add(new Case("SHLD" + sizeName(size) + " Ib", sized(size, 0x0F, 0xA4, 0xD8, 1)).eax(0x40004000)
                    .ebx(0x80008000));
            list.add(new Case("SHRD" + sizeName(size) + " Ib", sized(size, 0x0F, 0xAC, 0xD8, 1)).eax(1).ebx(1));
        }
    }

    private static void bitOps(List<Case> list) {
        String[] names = {"BT", "BTS", "BTR", "BTC"};
        int[] gv = {0xA3, 0xAB, 0xB3, 0xBB};
        for (int size : new int[] {2, 4}) {
            for (int k = 0; k < 4; k++) {
                for (int offset : new int[] {0, 5, 15, 31, 33, -1}) {
                    // The SDM leaves OF SF AF PF undefined after BTx (the 80386 manual: unchanged).
                    list.add(new Case(names[k] + sizeName(size) + " Ev,Gv " + offset, sized(size, 0x0F, gv[k], 0xD8))
                            .eax(0xA5A5A5A5).ebx(offset).flags(Z).ignore(O | S | A | P));
                    list.add(new Case(names[k] + sizeName(size) + " Ev,Ib " + offset,
                            sized(size, 0x0F, 0xBA, 0xC0 | (k + 4) << 3, offset & 0xFF)).eax(0xA5A5A5A5).flags(C | Z)
                            .ignore(O | S | A | P));
                }
            }
            for (int v : new int[] {1, 0x80000000, 0x00010100, 0x8000, 0x7FFE0000}) {
                if (size == 2 && (v & 0xFFFF) == 0) {
                    continue; // a zero source leaves the destination undefined in the SDM
                }
                // The SDM leaves CF OF SF AF PF undefined after BSF/BSR (the 80386 manual: unchanged).
                list.add(new Case("BSF" + sizeName(size), sized(size, 0x0F, 0xBC, 0xC3)).eax(0xDEADBEEF).ebx(v)
                        .ignore(C | O | S | A | P));
                list.add(new Case("BSR" + sizeName(size), sized(size, 0x0F, 0xBD, 0xC3)).eax(0xDEADBEEF).ebx(v)
                        .ignore(C | O | S | A | P));
            }
        }
    }

    private static void setcc(List<Case> list) {
        for (int f : new int[] {0, O, C, Z, S, P, S | O, Z | C, OSZAPC}) {
            for (int cc = 0; cc < 16; cc++) {
                list.add(new Case(String.format("SETcc %X", cc), 0x0F, 0x90 + cc, 0xC0).eax(0xFFFFFF55).flags(f));
            }
        }
    }

    private static void bcd(List<Case> list) {
        int[] als = {0x00, 0x03, 0x09, 0x0A, 0x0F, 0x19, 0x99, 0x9A, 0xA0, 0xFA, 0xFF};
        int[] ops = {0x27, 0x2F, 0x37, 0x3F};
        String[] names = {"DAA", "DAS", "AAA", "AAS"};
        for (int k = 0; k < 4; k++) {
            for (int al : als) {
                for (int f : new int[] {0, A, C, A | C}) {
                    list.add(new Case(names[k], ops[k]).eax(0x1200 | al).flags(f));
                }
            }
        }
        for (int base : new int[] {10, 16, 7, 1, 255}) {
            for (int ax : new int[] {0x0000, 0x003F, 0x00FF, 0x0963, 0x0607, 0xFFFF}) {
                list.add(new Case("AAM " + base, 0xD4, base).eax(ax));
                list.add(new Case("AAD " + base, 0xD5, base).eax(ax));
            }
        }
    }

    // ---------------------------------------------------------------- the host side

    private static String program(List<Case> cases) {
        StringBuilder s = new StringBuilder();
        s.append(".globl _start\n.text\n_start:\n");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            s.append(String.format("    pushl $0x%X\n", 0x202 | c.flags));
            for (int r = 0; r < REGS.length; r++) {
                s.append(String.format("    movl $0x%X, %%%s\n", c.regs[r], REG_NAMES[r]));
            }
            s.append("    popfl\n    .byte ");
            for (int b = 0; b < c.code.length; b++) {
                s.append(b == 0 ? "" : ",").append(String.format("0x%02X", c.code[b]));
            }
            s.append("\n    pushfl\n");
            for (int r = 0; r < REGS.length; r++) {
                s.append(String.format("    movl %%%s, out+%d\n", REG_NAMES[r], i * RECORD + r * 4));
            }
            s.append(String.format("    popl out+%d\n", i * RECORD + 28));
        }
        // write(1, out, n) until everything is out, then exit(0).
        s.append(String.format("    movl $out, %%esi\n    movl $%d, %%edi\n", cases.size() * RECORD));
        s.append("1:  movl $4, %eax\n    movl $1, %ebx\n    movl %esi, %ecx\n    movl %edi, %edx\n    int $0x80\n");
        s.append("    testl %eax, %eax\n    jle 2f\n    addl %eax, %esi\n    subl %eax, %edi\n    jnz 1b\n");
        s.append("2:  movl $1, %eax\n    xorl %ebx, %ebx\n    int $0x80\n");
        s.append(String.format(".bss\n.align 4\nout: .space %d\n", Math.max(cases.size() * RECORD, 4)));
        return s.toString();
    }

    /** Runs a command; null if it could not be started or did not finish with status 0. */
    private static byte[] run(Path cwd, String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out.toByteArray() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Assembles, links and runs a program; null at the first step that fails. */
    private byte[] buildAndRun(String name, String source) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".s"), source, StandardCharsets.US_ASCII);
        if (run(dir, "as", "--32", "-o", name + ".o", name + ".s") == null
                || run(dir, "ld", "-m", "elf_i386", "-o", name, name + ".o") == null) {
            return null;
        }
        return run(dir, dir.resolve(name).toString());
    }

    // ---------------------------------------------------------------- the comparison

    @Test
    void jinxMatchesTheHostProcessor() throws Exception {
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86")
                || arch.equals("i386"), "host is not x86: " + arch);
        Assumptions.assumeTrue(buildAndRun("probe", program(List.of())) != null,
                "cannot build and run a 32-bit program with as --32 / ld -m elf_i386");

        List<Case> cases = cases();
        byte[] out = buildAndRun("alu", program(cases));
        assertThat(out).as("output of the native program").isNotNull().hasSize(cases.size() * RECORD);
        ByteBuffer host = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);

        CpuRig rig = CpuRig.flat32();
        Cpu cpu = rig.cpu;
        AluAssert.FaultCatcher faults = AluAssert.FaultCatcher.install(rig);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            for (int r = 0; r < REGS.length; r++) {
                cpu.reg[REGS[r]] = c.regs[r];
            }
            cpu.reg[Cpu.ESP] = CpuRig.STACK_TOP;
            cpu.setEflags(c.flags);
            for (int b = 0; b < c.code.length; b++) {
                cpu.mem.write8(CpuRig.CODE + b, c.code[b]);
            }
            cpu.eip = CpuRig.CODE;
            int faultsBefore = faults.count;
            cpu.step();
            StringBuilder diff = new StringBuilder();
            if (faults.count != faultsBefore) {
                diff.append(" fault ").append(faults.vector);
            }
            for (int r = 0; r < REGS.length; r++) {
                int want = host.getInt(i * RECORD + r * 4);
                if (cpu.reg[REGS[r]] != want) {
                    diff.append(String.format(" %s=%08X host %08X", REG_NAMES[r], cpu.reg[REGS[r]], want));
                }
            }
            int undefined = c.ignore | Decoder.decode(toBytes(c.code), 0, true).row.flagsUndefined();
            int mask = OSZAPC & ~undefined;
            int want = host.getInt(i * RECORD + 28) & mask;
            int got = cpu.getEflags() & mask;
            if (got != want) {
                diff.append(String.format(" flags %s host %s (compared %s)", AluAssert.names(got),
                        AluAssert.names(want), AluAssert.names(mask)));
            }
            if (diff.length() > 0) {
                mismatches.add(c + " ->" + diff);
            }
        }
        assertThat(mismatches).as("%d cases compared", cases.size()).isEmpty();
    }

    private static byte[] toBytes(int[] code) {
        byte[] b = new byte[code.length];
        for (int i = 0; i < code.length; i++) {
            b[i] = (byte) code[i];
        }
        return b;
    }
}
