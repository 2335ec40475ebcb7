package org.jinx.tools.lockstep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The register layout a gdb stub announces in its {@code target.xml}: each register's name,
 * size and byte offset in the {@code g} reply. The layout is the order of the {@code <reg>}
 * elements, across {@code <xi:include>}d annexes in the order they are included; a
 * {@code regnum} attribute renumbers from that register on. QEMU's i386 description puts cr0,
 * cr2, cr3 and cr4 in the core feature after the segment registers, so one {@code g} packet
 * carries every register the lockstep compares.
 *
 * <p>XML comments are removed first: QEMU's {@code i386-32bit.xml} has commented-out
 * {@code <reg>} elements (cs_base to es_base) before the fs_base, gs_base and k_gs_base that
 * it does send.
 */
public final class TargetDescription {
    /** One register: remote number, name, size in bytes and offset in the {@code g} block. */
    public record Reg(int number, String name, int bytes, int offset) {
    }

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<(reg|xi:include)\\b([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("(\\w[\\w:-]*)\\s*=\\s*\"([^\"]*)\"");
    /** A stub that includes more annexes than this is not describing an i386. */
    private static final int MAX_ANNEXES = 16;

    private final List<Reg> regs;
    private final Map<String, Reg> byName = new HashMap<>();

    TargetDescription(List<Reg> regs) {
        this.regs = List.copyOf(regs);
        for (Reg r : regs) {
            byName.put(r.name(), r);
        }
    }

    /** Where the XML text of an annex comes from (the stub, or a test's map). */
    interface AnnexSource {
        String read(String annex) throws IOException;
    }

    /** Reads {@code target.xml} and everything it includes from a stub. */
    public static TargetDescription fetch(RspClient rsp) throws IOException {
        return parse(annex -> readAnnex(rsp, annex));
    }

    static TargetDescription parse(AnnexSource source) throws IOException {
        List<Reg> regs = new ArrayList<>();
        int[] next = {0, 0}; // next register number, next byte offset
        collect(source, "target.xml", regs, next, new int[] {0});
        return new TargetDescription(regs);
    }

    private static void collect(AnnexSource source, String annex, List<Reg> regs, int[] next, int[] annexes)
            throws IOException {
        if (++annexes[0] > MAX_ANNEXES) {
            throw new IOException("target description includes more than " + MAX_ANNEXES + " files");
        }
        String xml = COMMENT.matcher(source.read(annex)).replaceAll("");
        Matcher m = TAG.matcher(xml);
        while (m.find()) {
            Map<String, String> a = attributes(m.group(2));
            if (m.group(1).equals("xi:include")) {
                String href = a.get("href");
                if (href == null) {
                    throw new IOException("xi:include without href in " + annex);
                }
                collect(source, href, regs, next, annexes);
                continue;
            }
            String name = a.get("name");
            String bits = a.get("bitsize");
            if (name == null || bits == null) {
                throw new IOException("register without name or bitsize in " + annex);
            }
            if (a.containsKey("regnum")) {
                next[0] = Integer.parseInt(a.get("regnum"));
            }
            int bytes = Integer.parseInt(bits) / 8;
            regs.add(new Reg(next[0]++, name, bytes, next[1]));
            next[1] += bytes;
        }
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> a = new HashMap<>();
        Matcher m = ATTR.matcher(text);
        while (m.find()) {
            a.put(m.group(1), m.group(2));
        }
        return a;
    }

    /** {@code qXfer:features:read:ANNEX:OFFSET,LENGTH} until the stub answers {@code l}. */
    private static String readAnnex(RspClient rsp, String annex) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String reply = rsp.request(String.format("qXfer:features:read:%s:%x,%x", annex, sb.length(), 0xFFB));
            if (reply.isEmpty() || reply.charAt(0) != 'm' && reply.charAt(0) != 'l') {
                throw new IOException("the gdb stub did not send its target description " + annex
                        + (reply.isEmpty() ? " (qXfer:features:read is not supported)" : ": " + reply));
            }
            sb.append(reply, 1, reply.length());
            if (reply.charAt(0) == 'l') {
                return sb.toString();
            }
        }
    }

    /**
     * Checks that a {@code g} reply of {@code replyBytes} bytes is what this layout describes;
     * if not, no register can be located in it.
     */
    public TargetDescription checkReply(int replyBytes) throws IOException {
        if (replyBytes != size()) {
            throw new IOException(String.format("the gdb stub's target description lays out %d bytes of registers, "
                    + "but its 'g' reply has %d", size(), replyBytes));
        }
        return this;
    }

    public List<Reg> registers() {
        return regs;
    }

    /** The register called {@code name}, or null. */
    public Reg find(String name) {
        return byName.get(name);
    }

    /** The register called {@code name}; an error names what the stub lacks. */
    public Reg require(String name) throws IOException {
        Reg r = byName.get(name);
        if (r == null) {
            throw new IOException("the gdb stub's target description has no register '" + name + "'");
        }
        return r;
    }

    /** Bytes in a full {@code g} reply. */
    public int size() {
        return regs.isEmpty() ? 0 : regs.get(regs.size() - 1).offset() + regs.get(regs.size() - 1).bytes();
    }
}
