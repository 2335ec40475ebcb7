package org.jinx.kernel.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java kernel and the guest's C headers agree on every number and layout they share: each
 * {@code @Abi} constant in the kernel's classes (and each RTS flag) becomes a
 * {@code _Static_assert} against the headers, and gcc, the compiler that builds the guest,
 * must accept them all.
 */
class AbiAgreementTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path INCLUDE = Path.of("src", "main", "c", "include");
    private static final List<String> asserts = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void collect() throws Exception {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("org/jinx/kernel"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, AbiAgreementTest.class.getClassLoader());
                for (Field field : c.getDeclaredFields()) {
                    Abi abi = field.getAnnotation(Abi.class);
                    if (abi != null) {
                        asserts.add(assertion(c, field, abi));
                    }
                }
            }
        }
        for (RtsFlag f : RtsFlag.values()) {
            asserts.add(check("RTS_" + f.name(), f.bit, "RtsFlag." + f.name()));
        }
    }

    private static String assertion(Class<?> c, Field field, Abi abi) throws IllegalAccessException {
        if (!Modifier.isStatic(field.getModifiers())) {
            throw new AssertionError(c.getName() + "." + field.getName() + " is @Abi but not static");
        }
        field.setAccessible(true);
        long value = field.getType() == long.class ? field.getLong(null) : field.getInt(null);
        String where = c.getSimpleName() + "." + field.getName();
        if (!abi.msg().isEmpty()) {
            return check("offsetof(message, " + abi.msg() + ")", value, where);
        }
        if (!abi.offsetOf().isEmpty()) {
            int dot = abi.offsetOf().indexOf('.');
            return check("offsetof(" + abi.offsetOf().substring(0, dot) + ", " + abi.offsetOf().substring(dot + 1) + ")",
                    value, where);
        }
        if (!abi.sizeOf().isEmpty()) {
            return check("sizeof(" + abi.sizeOf() + ")", value, where);
        }
        return check(abi.value().isEmpty() ? field.getName() : abi.value(), value, where);
    }

    private static String check(String cExpr, long javaValue, String where) {
        return String.format("_Static_assert((long long) (%s) == %dLL, \"%s = %d in Java, but the C side differs: %s\");",
                cExpr, javaValue, where, javaValue, cExpr.replace("\"", "'"));
    }

    /** Compiles the assertions with the guest's compiler flags; returns gcc's exit status and output. */
    private Compiled compile(List<String> lines) throws IOException, InterruptedException {
        Path c = tmp.resolve("abi.c");
        List<String> src = new ArrayList<>(List.of("#include <minix/jinx.h>", "#include <stddef.h>"));
        src.addAll(lines);
        Files.write(c, src, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("gcc", "-m32", "-march=i386", "-ffreestanding", "-nostdlib", "-D_SYSTEM",
                "-I" + INCLUDE.toAbsolutePath(), "-fsyntax-only", c.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Compiled(p.waitFor(), out);
    }

    private record Compiled(int status, String output) {
    }

    @Test
    void everySharedConstantAndLayoutHasTheSameValueInJavaAndC() throws Exception {
        assertThat(asserts).as("the scan found the kernel's constants").hasSizeGreaterThan(300);
        Compiled r = compile(asserts);
        assertThat(r.output()).as("gcc's verdict on %d assertions", asserts.size()).isEmpty();
        assertThat(r.status()).isZero();
    }

    @Test
    void theKernelInfoPageLayoutIsAmongTheAssertions() {
        for (String member : new String[] {"magic", "size", "flags", "hz", "boot_time", "uptime", "nr_live_procs", "kinfo",
                "machine", "image"}) {
            assertThat(asserts).as(member).anyMatch(a -> a.contains("offsetof(struct jinx_kerninfo, " + member + ")"));
        }
        assertThat(asserts).anyMatch(a -> a.contains("sizeof(struct jinx_kerninfo)"))
                .anyMatch(a -> a.contains("sizeof(struct jinx_bootproc)")).anyMatch(a -> a.startsWith("_Static_assert((long long) (KERNINFO_ADDR)"));
    }

    @Test
    void aDisagreementIsCaught() throws Exception {
        Compiled r = compile(List.of(check("EPERM", 1, "a deliberately wrong EPERM")));
        assertThat(r.status()).isNotZero();
        assertThat(r.output()).contains("a deliberately wrong EPERM");
    }
}
