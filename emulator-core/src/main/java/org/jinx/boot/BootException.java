package org.jinx.boot;

/**
 * A boot image that cannot be used: missing, unreadable, the wrong size or format. The message
 * is one line meant for the user, naming the file and what is wrong with it.
 */
public final class BootException extends Exception {
    public BootException(String message) {
        super(message, null, false, false);
    }
}
