package org.jinx.cpu.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings objdump's Intel syntax and ours to one canonical text, so that what remains different
 * is a real disagreement. Applied to both sides (it is idempotent on text already canonical).
 * The rules, each for a naming difference and not a decoding one:
 * <ul>
 * <li>whitespace collapsed; the prefix words {@code data16 data32 addr16 addr32} dropped (objdump
 *     prints them for prefixes it considers unused, or for a moffs or LOOP address size);</li>
 * <li>string instructions and XLAT: objdump's {@code movs BYTE PTR es:[edi],BYTE PTR ds:[esi]}
 *     becomes {@code movsb}, with a segment override other than DS as a prefix word
 *     ({@code fs movsb}) and a non-default address size as {@code addr16}/{@code addr32};</li>
 * <li>condition codes to objdump's names ({@code jnb} → {@code jae}, {@code setnle} →
 *     {@code setg}), {@code sal} → {@code shl}, {@code callf}/{@code jmpf} → {@code call}/{@code jmp};</li>
 * <li>the operand-size suffix objdump adds to PUSH/POP/CALL/JMP/RET/RETF/ENTER/LEAVE, the
 *     PUSHA/POPA/PUSHF/POPF/IRET families and SGDT/SIDT/LGDT/LIDT is dropped on both sides
 *     ({@code pushad} → {@code pusha}, {@code lgdtd} → {@code lgdt});</li>
 * <li>objdump's pseudo-register {@code eiz} (a SIB byte with no index) is dropped;</li>
 * <li>a relative branch target with a 16-bit operand size is taken modulo 64 KiB: the processor
 *     truncates IP, objdump does so for rel16 but not for rel8;</li>
 * <li>{@code xchg} of two registers is compared with its operands in sorted order, and opcode
 *     90 (with any prefix) is {@code nop}; {@code pause} is {@code repz nop}.</li>
 * </ul>
 */
final class ObjdumpSyntax {
    private static final Set<String> PREFIX_WORDS = Set.of("lock", "rep", "repz", "repnz", "repe", "repne", "es",
            "cs", "ss", "ds", "fs", "gs", "data16", "data32", "addr16", "addr32");
    private static final Set<String> STRING_OPS = Set.of("movs", "cmps", "stos", "lods", "scas", "ins", "outs");
    private static final Set<String> SUFFIXED = Set.of("push", "pop", "call", "jmp", "ret", "retf", "enter",
            "leave", "pusha", "popa", "pushf", "popf", "iret", "sgdt", "sidt", "lgdt", "lidt");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("callf", "call"), Map.entry("jmpf", "jmp"), Map.entry("sal", "shl"),
            Map.entry("repe", "repz"), Map.entry("repne", "repnz"), Map.entry("wait", "fwait"));
    private static final String[][] CONDITIONS = {{"nb", "ae"}, {"nbe", "a"}, {"nl", "ge"}, {"nle", "g"},
        {"z", "e"}, {"nz", "ne"}, {"c", "b"}, {"nae", "b"}, {"na", "be"}, {"nge", "l"}, {"ng", "le"},
        {"pe", "p"}, {"po", "np"}};
    private static final Pattern SEG_SOURCE = Pattern.compile("(\\w\\w):\\[e?(si|bx)\\]");
    private static final Pattern EIZ_WITH_DISP_ONLY = Pattern.compile("\\[eiz\\*\\d([+-])0x([0-9a-f]+)\\]");

    private ObjdumpSyntax() {
    }

    /**
     * The canonical text of one instruction. {@code bytes} are its encoding (to recognise opcode
     * 90 whatever objdump calls it); {@code code32} is the default size of the code.
     */
    static String canonical(String text, byte[] bytes, boolean code32) {
        List<String> prefixes = new ArrayList<>();
        String[] tokens = text.trim().split("\\s+");
        int i = 0;
        while (i < tokens.length - 1 && PREFIX_WORDS.contains(tokens[i])) {
            prefixes.add(ALIASES.getOrDefault(tokens[i], tokens[i]));
            i++;
        }
        String mn = i < tokens.length ? tokens[i++] : "";
        String ops = String.join(" ", java.util.Arrays.copyOfRange(tokens, i, tokens.length));
        boolean objdumpString = (STRING_OPS.contains(mn) || mn.equals("xlat")) && !ops.isEmpty();
        boolean ourString = !objdumpString && isShortString(mn);
        prefixes.removeIf(p -> p.startsWith("data") || p.startsWith("addr") && !ourString);
        if (objdumpString) {
            Matcher seg = SEG_SOURCE.matcher(ops);
            if (seg.find() && !prefixes.contains(seg.group(1))) {
                prefixes.add(seg.group(1));
            }
            boolean a32 = ops.contains("[e");
            if (a32 != code32) {
                prefixes.add(a32 ? "addr32" : "addr16");
            }
            if (!mn.equals("xlat")) {
                mn += ops.contains("DWORD PTR") ? "d" : ops.contains("WORD PTR") ? "w" : "b";
            }
            ops = "";
        }
        if (objdumpString || ourString) {
            prefixes.remove("ds");
        }
        mn = ALIASES.getOrDefault(mn, mn);
        mn = condition(mn);
        if (mn.length() > 1 && (mn.endsWith("w") || mn.endsWith("d"))
                && SUFFIXED.contains(mn.substring(0, mn.length() - 1))) {
            mn = mn.substring(0, mn.length() - 1);
        }
        ops = eiz(ops);
        if (isRelativeBranch(mn) && !operandSize32(bytes, code32) && ops.matches("0x[0-9a-f]+")) {
            ops = "0x" + Long.toHexString(Long.parseLong(ops.substring(2), 16) & 0xFFFF);
        }
        if (mn.equals("pause")) {
            prefixes.add("repz");
            mn = "nop";
        }
        if (opcodeAfterPrefixes(bytes) == 0x90) {
            mn = "nop";
            ops = "";
        } else if (mn.equals("xchg") && !ops.contains("[")) {
            String[] pair = ops.split(",");
            java.util.Arrays.sort(pair);
            ops = String.join(",", pair);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : prefixes) {
            sb.append(p).append(' ');
        }
        sb.append(mn);
        if (!ops.isEmpty()) {
            sb.append(' ').append(ops);
        }
        return sb.toString();
    }

    private static boolean isRelativeBranch(String mn) {
        return mn.startsWith("j") || mn.startsWith("loop") || mn.equals("call");
    }

    private static boolean operandSize32(byte[] bytes, boolean code32) {
        for (byte b : bytes) {
            if ((b & 0xFF) == 0x66) {
                return !code32;
            }
        }
        return code32;
    }

    private static boolean isShortString(String mn) {
        if (mn.equals("xlat")) {
            return true;
        }
        return mn.length() > 1 && STRING_OPS.contains(mn.substring(0, mn.length() - 1))
                && "bwd".indexOf(mn.charAt(mn.length() - 1)) >= 0;
    }

    private static String condition(String mn) {
        for (String head : new String[] {"j", "set"}) {
            if (mn.startsWith(head)) {
                String cc = mn.substring(head.length());
                for (String[] alias : CONDITIONS) {
                    if (cc.equals(alias[0])) {
                        return head + alias[1];
                    }
                }
            }
        }
        return mn;
    }

    private static String eiz(String ops) {
        Matcher m = EIZ_WITH_DISP_ONLY.matcher(ops);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long v = Long.parseLong(m.group(2), 16);
            if (m.group(1).equals("-")) {
                v = -v & 0xFFFFFFFFL;
            }
            m.appendReplacement(sb, "[0x" + Long.toHexString(v) + "]");
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\+eiz\\*\\d", "").replaceAll("eiz\\*\\d\\+", "");
    }

    private static int opcodeAfterPrefixes(byte[] bytes) {
        for (byte b : bytes) {
            int x = b & 0xFF;
            boolean prefix = false;
            for (int p : OpcodeTable.PREFIXES) {
                prefix |= p == x;
            }
            if (!prefix) {
                return x;
            }
        }
        return -1;
    }
}
