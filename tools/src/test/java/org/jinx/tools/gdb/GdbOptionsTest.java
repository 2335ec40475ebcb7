package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.jinx.tools.cli.CliError;
import org.jinx.tools.cli.ExitStatus;
import org.jinx.tools.cli.Main;
import org.junit.jupiter.api.Test;

/** {@code jinx pc|boot --gdb [HOST:]PORT --wait-gdb}: parsing and the errors a user can make. */
class GdbOptionsTest {
    private record Run(int status, String err) {
    }

    private static Run jinx(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void addressForms() {
        assertThat(GdbLauncher.Address.parse("1234")).isEqualTo(new GdbLauncher.Address("127.0.0.1", 1234));
        assertThat(GdbLauncher.Address.parse(":1234")).isEqualTo(new GdbLauncher.Address("127.0.0.1", 1234));
        assertThat(GdbLauncher.Address.parse("0.0.0.0:1")).isEqualTo(new GdbLauncher.Address("0.0.0.0", 1));
        assertThat(GdbLauncher.Address.parse("[::1]:5")).isEqualTo(new GdbLauncher.Address("::1", 5));
        assertThat(GdbLauncher.Address.parse("localhost:0")).isEqualTo(new GdbLauncher.Address("localhost", 0));
    }

    @Test
    void badAddressesAreUsageErrors() {
        for (String bad : new String[] {"", "x", "127.0.0.1:", "65536", "-1", "host:port"}) {
            assertThatThrownBy(() -> GdbLauncher.Address.parse(bad)).as(bad).isInstanceOf(CliError.class)
                    .hasMessageContaining("--gdb").extracting(e -> ((CliError) e).status).isEqualTo(ExitStatus.USAGE);
        }
    }

    @Test
    void waitGdbNeedsGdb() {
        Run r = jinx("pc", "--kernel", "k.elf", "--wait-gdb");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("jinx: --wait-gdb needs --gdb").doesNotContain("Exception");
    }

    @Test
    void aBadGdbAddressIsReportedBeforeTheKernelIsLoaded() {
        Run r = jinx("pc", "--kernel", "/nonexistent/k.elf", "--gdb", "nowhere:port");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("jinx: --gdb: 'nowhere:port' is not [HOST:]PORT");
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        TestKernel kernel = TestKernel.get();
        org.junit.jupiter.api.Assumptions.assumeTrue(kernel != null, "binutils is not installed");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run r = jinx("pc", "--kernel", kernel.elf.toString(), "-m", "4M",
                    "--gdb", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
            assertThat(r.err()).startsWith("jinx: --gdb: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void bootWaitGdbNeedsGdb() {
        Run r = jinx("boot", "--module", "ping", "--wait-gdb");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("jinx: --wait-gdb needs --gdb").doesNotContain("Exception");
    }

    @Test
    void bootGdbNeedsModulesSinceTheDemoIsPcMode() {
        Run r = jinx("boot", "--gdb", "1234");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).startsWith("jinx: --gdb needs --module").contains("jinx pc");
    }

    @Test
    void bootWithAPortInUseIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run r = jinx("boot", "--module", "ping", "--module", "pong", "--gdb", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
            assertThat(r.err()).startsWith("jinx: --gdb: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\tat ");
        }
    }
}
