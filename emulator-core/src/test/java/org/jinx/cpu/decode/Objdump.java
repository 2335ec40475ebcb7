package org.jinx.cpu.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU objdump as a reference decoder. Instructions are laid out one per 16-byte slot, padded
 * with NOPs: an instruction is at most 15 bytes, so whatever length objdump decodes at a slot's
 * start it is back in step at the next slot, and one disagreement never hides the others.
 */
final class Objdump {
    static final int SLOT = 16;
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+)\\t(.*)$");

    /** What objdump made of the bytes at one slot. */
    record Line(int length, String text) {
    }

    private Objdump() {
    }

    /** Whether an objdump that knows i386 is on the PATH. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Disassembles each instruction at its own slot; the result is indexed like the input. */
    static Line[] disassemble(List<byte[]> insns, boolean code32, Path dir) {
        byte[] image = new byte[insns.size() * SLOT];
        java.util.Arrays.fill(image, (byte) 0x90);
        for (int i = 0; i < insns.size(); i++) {
            byte[] b = insns.get(i);
            System.arraycopy(b, 0, image, i * SLOT, b.length);
        }
        try {
            Path bin = Files.createTempFile(dir, "insns", ".bin");
            Files.write(bin, image);
            ProcessBuilder pb = new ProcessBuilder("objdump", "-D", "-b", "binary", "-mi386",
                    code32 ? "-Mintel" : "-Mintel,addr16,data16", "--insn-width=16", bin.toString());
            Path out = Files.createTempFile(dir, "objdump", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("objdump failed on " + bin);
            }
            Map<Integer, Line> byAddress = new HashMap<>();
            for (String s : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(s);
                if (m.matches()) {
                    int len = m.group(2).trim().split(" +").length;
                    byAddress.put(Integer.parseInt(m.group(1), 16), new Line(len, m.group(3)));
                }
            }
            Line[] lines = new Line[insns.size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = byAddress.get(i * SLOT);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
