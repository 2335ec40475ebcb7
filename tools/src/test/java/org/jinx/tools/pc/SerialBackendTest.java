package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jinx.tools.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest that echoes COM1 in upper case (serial_echo.S), reached through each backend: stdio,
 * a TCP client on 127.0.0.1, and a file that collects the output.
 */
class SerialBackendTest {
    @TempDir
    Path dir;

    private Path echoDisk() throws Exception {
        return PcGuests.image(dir, "echo.img", PcGuests.bootBinary("serial_echo"), 64 * 1024);
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Test
    void stdioCarriesInputToTheGuestAndItsOutputToStdout() throws Exception {
        Path hda = echoDisk();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream("hello, jinx.".getBytes(StandardCharsets.US_ASCII));
        int status = Main.run(new String[] {"pc", "--hda", hda.toString(), "--timeout", "30"}, in,
                new PrintStream(out, true, StandardCharsets.ISO_8859_1), quiet(), null);
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ready\r\nHELLO, JINX");
    }

    @Test
    void tcpServerOnLoopbackIsTheGuestsLine() throws Exception {
        Path hda = echoDisk();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String[] args = {"pc", "--hda", hda.toString(), "--serial", "tcp:" + port, "--timeout", "30"};
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                () -> Main.run(args, InputStream.nullInputStream(), quiet(), quiet(), null));
        Socket s = null;
        for (int i = 0; i < 100 && s == null; i++) {
            try {
                s = new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (java.net.ConnectException e) {
                Thread.sleep(50);
            }
        }
        assertThat(s).as("the serial server listens on 127.0.0.1:%d", port).isNotNull();
        try (Socket client = s) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write("abc.".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            byte[] got = client.getInputStream().readAllBytes();
            // "ready" may have gone out before the client connected; the echo cannot have
            assertThat(new String(got, StandardCharsets.ISO_8859_1)).endsWith("ABC");
        }
    }

    @Test
    void fileBackendCollectsTheOutput() throws Exception {
        Path hda = echoDisk();
        Path log = dir.resolve("com2.txt");
        Path log1 = dir.resolve("com1.txt");
        int status = Main.run(new String[] {"pc", "--hda", hda.toString(), "--serial", "file:" + log1,
            "--serial2", "file:" + log, "--timeout", "5"}, InputStream.nullInputStream(), quiet(), quiet(), null);
        assertThat(status).as("nothing arrives, so the guest waits until --timeout").isEqualTo(12);
        assertThat(Files.readString(log1)).isEqualTo("ready\r\n");
        assertThat(Files.readString(log)).isEmpty();
    }
}
