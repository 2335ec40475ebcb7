package org.jinx.tools.pc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The serial line into a file: output is written to it (replacing what was there), nothing comes in. */
public final class FileSerial extends HostSerial {
    private final Path path;
    private final OutputStream out;
    private boolean failed;

    public FileSerial(Path path) throws IOException {
        this.path = path;
        this.out = new BufferedOutputStream(Files.newOutputStream(path));
    }

    @Override
    public void transmit(int b) {
        if (failed) {
            return;
        }
        try {
            out.write(b);
        } catch (IOException e) {
            failed = true; // a full disk must not stop the guest; the message comes at close
        }
    }

    @Override
    protected void flushOutput() {
        if (failed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
        }
    }

    @Override
    public void close() {
        flushOutput();
        try {
            out.close();
        } catch (IOException e) {
            failed = true;
        }
        if (failed) {
            throw new UncheckedIOException(new IOException("serial output to '" + path + "' was not all written"));
        }
    }
}
