package org.jinx.tools.cli;

/** An error a command reports as one line, {@code jinx: <message>}, with its exit status. */
public final class CliError extends RuntimeException {
    public final int status;

    public CliError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
