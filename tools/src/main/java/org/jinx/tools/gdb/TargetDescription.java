package org.jinx.tools.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The target description served through {@code qXfer:features:read}: i386 with the x87
 * registers in the core feature, which gdb 13 requires (gdb-rsp.md section 4.2 and P2). One
 * annex, {@code target.xml}, with everything inline.
 */
final class TargetDescription {
    static final String TARGET_XML = load("target.xml");

    private TargetDescription() {
    }

    /** The document for an annex name, or null when there is none. */
    static String annex(String name) {
        return name.equals("target.xml") ? TARGET_XML : null;
    }

    private static String load(String name) {
        try (InputStream in = TargetDescription.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
