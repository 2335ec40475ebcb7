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

    /**
     * The SEF and RS numbers only the guest uses (no Java class has them): checked against the
     * spec's own table (minix-ipc-spec.md 2.1 and 5.2), so a typo in sef.h or ipc.h fails here.
     */
    @Test
    void theSefAndRsConstantsHaveTheSpecsNumbers() throws Exception {
        List<String> spec = new ArrayList<>();
        String[][] values = {
            {"RS_UPDATE", "0x705"}, {"RS_INIT", "0x714"}, {"RS_LU_PREPARE", "0x715"},
            {"SEF_LU_STATE_NULL", "0"}, {"SEF_LU_STATE_WORK_FREE", "1"}, {"SEF_LU_STATE_REQUEST_FREE", "2"},
            {"SEF_LU_STATE_PROTOCOL_FREE", "3"}, {"SEF_LU_STATE_EVAL", "4"}, {"SEF_LU_STATE_UNREACHABLE", "5"},
            {"SEF_LU_STATE_PREPARE_CRASH", "6"}, {"SEF_LU_STATE_CUSTOM_BASE", "7"},
            {"SEF_LU_SELF", "0x100"}, {"SEF_LU_ASR", "0x200"}, {"SEF_LU_MULTI", "0x400"},
            {"SEF_LU_INCLUDES_VM", "0x800"}, {"SEF_LU_INCLUDES_RS", "0x1000"}, {"SEF_LU_PREPARE_ONLY", "0x2000"},
            {"SEF_LU_NOMMAP", "0x4000"}, {"SEF_LU_DETACHED", "0x8000"},
            {"SEF_INIT_FRESH", "0"}, {"SEF_INIT_LU", "1"}, {"SEF_INIT_RESTART", "2"},
            {"SEF_INIT_CRASH", "0x1"}, {"SEF_INIT_FAIL", "0x2"}, {"SEF_INIT_TIMEOUT", "0x4"},
            {"SEF_INIT_DEFCB", "0x8"}, {"SEF_INIT_SCRIPT_RESTART", "0x10"}, {"SEF_INIT_ST", "0x20"},
            {"SEF_STATE_TRANSFER_GID", "0"},
            {"offsetof(message, m_rs_update.result)", "8"}, {"offsetof(message, m_rs_update.state)", "12"},
            {"offsetof(message, m_rs_update.prepare_maxtime)", "16"}, {"offsetof(message, m_rs_update.flags)", "20"},
            {"offsetof(message, m_rs_update.state_data_gid)", "24"},
            {"offsetof(message, m_rs_init.result)", "8"}, {"offsetof(message, m_rs_init.type)", "12"},
            {"offsetof(message, m_rs_init.rproctab_gid)", "16"}, {"offsetof(message, m_rs_init.old_endpoint)", "20"},
            {"offsetof(message, m_rs_init.restarts)", "24"}, {"offsetof(message, m_rs_init.flags)", "28"},
            {"offsetof(message, m_rs_init.buff_addr)", "32"}, {"offsetof(message, m_rs_init.buff_len)", "36"},
            {"offsetof(message, m_rs_init.prepare_state)", "40"},
        };
        for (String[] v : values) {
            spec.add(check(v[0], Long.decode(v[1]), "spec 5.2: " + v[0]));
        }
        Compiled r = compile(spec);
        assertThat(r.output()).as("gcc's verdict on %d spec values", spec.size()).isEmpty();
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

    /**
     * The kernel-call numbers in the C header against spec 6.2's table (the Java side is held to
     * the header by the scan), so all three agree, the unimplemented calls' numbers included.
     */
    @Test
    void theKernelCallNumbersAreTheSpecsTable() throws Exception {
        String[][] table = {
            {"FORK", "0"}, {"EXEC", "1"}, {"CLEAR", "2"}, {"SCHEDULE", "3"}, {"PRIVCTL", "4"}, {"TRACE", "5"},
            {"KILL", "6"}, {"GETKSIG", "7"}, {"ENDKSIG", "8"}, {"SIGSEND", "9"}, {"SIGRETURN", "10"}, {"MEMSET", "13"},
            {"UMAP", "14"}, {"VIRCOPY", "15"}, {"PHYSCOPY", "16"}, {"UMAP_REMOTE", "17"}, {"VUMAP", "18"},
            {"IRQCTL", "19"}, {"DEVIO", "21"}, {"SDEVIO", "22"}, {"VDEVIO", "23"}, {"SETALARM", "24"}, {"TIMES", "25"},
            {"GETINFO", "26"}, {"ABORT", "27"}, {"IOPENABLE", "28"}, {"SAFECOPYFROM", "31"}, {"SAFECOPYTO", "32"},
            {"VSAFECOPY", "33"}, {"SETGRANT", "34"}, {"READBIOS", "35"}, {"SPROF", "36"}, {"STIME", "39"},
            {"SETTIME", "40"}, {"VMCTL", "43"}, {"DIAGCTL", "44"}, {"VTIMER", "45"}, {"RUNCTL", "46"},
            {"GETMCONTEXT", "50"}, {"SETMCONTEXT", "51"}, {"UPDATE", "52"}, {"EXIT", "53"}, {"SCHEDCTL", "54"},
            {"STATECTL", "55"}, {"SAFEMEMSET", "56"}, {"PADCONF", "57"},
        };
        List<String> spec = new ArrayList<>();
        for (String[] call : table) {
            spec.add(check("SYS_" + call[0], 0x600 + Integer.parseInt(call[1]), "spec 6.2: SYS_" + call[0]));
        }
        Compiled r = compile(spec);
        assertThat(r.output()).as("gcc's verdict on %d call numbers", spec.size()).isEmpty();
        assertThat(r.status()).isZero();
    }

    /** Every request and reply layout of the calls added after the minimal set is held to the header. */
    @Test
    void theLaterKernelCallsLayoutsAreAmongTheAssertions() {
        String[] fields = {
            "m_lsys_kern_vsafecopy.vec_addr", "SMS_PATTERN", "m_lsys_krn_sys_sdevio.offset",
            "m_lsys_krn_sys_iopenable.endpt", "m_lsys_krn_sys_umap.dst_endpt", "m_lsys_krn_sys_copy.flags",
            "m_lsys_krn_sys_memset.process", "m_sigcalls.sigctx", "m_lsys_krn_sys_stime.boot_time",
            "m_lsys_krn_sys_settime.clock_id", "m_lsys_krn_sys_getmcontext.ctx_ptr", "m_lsys_krn_sys_setmcontext.ctx_ptr",
            "m_lsys_krn_sys_vumap.offset", "m_krn_lsys_sys_vumap.pcount", "VT_ENDPT", "m_lsys_krn_readbios.buf",
            "m_lsys_krn_sys_trace.data", "m_krn_lsys_sys_trace.data", "m_lsys_krn_sys_sprof.mem_size",
        };
        for (String f : fields) {
            assertThat(asserts).as(f).anyMatch(a -> a.contains("offsetof(message, " + f + ")"));
        }
        for (String type : new String[] {"struct vscp_vec", "struct sigmsg", "struct sigcontext",
            "struct sigframe_sigcontext", "mcontext_t", "struct vumap_vir", "struct vumap_phys", "struct jinx_trace_frame",
            "struct sprof_info_s", "struct sprof_sample", "struct sprof_proc"}) {
            assertThat(asserts).as(type).anyMatch(a -> a.contains("sizeof(" + type + ")"));
        }
    }

    @Test
    void aDisagreementIsCaught() throws Exception {
        Compiled r = compile(List.of(check("EPERM", 1, "a deliberately wrong EPERM")));
        assertThat(r.status()).isNotZero();
        assertThat(r.output()).contains("a deliberately wrong EPERM");
    }
}
