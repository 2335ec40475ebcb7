package org.jinx.state;

import java.util.Map;

/** Reads the named fields of one snapshot section; a missing or mistyped field is a {@link StateException}. */
public final class StateReader {
    private final String section;
    private final int version;
    private final Map<String, Object> fields;
    private final String prefix;

    StateReader(String section, int version, Map<String, Object> fields, String prefix) {
        this.section = section;
        this.version = version;
        this.fields = fields;
        this.prefix = prefix;
    }

    /** A reader over a map, for tests and for callers that keep their own container. */
    public static StateReader of(String section, int version, Map<String, Object> fields) {
        return new StateReader(section, version, fields, "");
    }

    public StateReader child(String name) {
        return new StateReader(section, version, fields, prefix + name + ".");
    }

    /** The layout version the section was written with. */
    public int version() {
        return version;
    }

    public String section() {
        return section;
    }

    /** Rejects a section written by a newer layout than this build understands. */
    public void requireVersion(int newestKnown) {
        if (version > newestKnown) {
            throw new StateException(String.format("%s: snapshot has state version %d, this build reads up to %d",
                    section, version, newestKnown));
        }
    }

    public boolean has(String name) {
        return fields.containsKey(prefix + name);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = fields.get(prefix + name);
        if (v == null) {
            throw new StateException(section + ": missing field " + prefix + name);
        }
        if (!type.isInstance(v)) {
            throw new StateException(String.format("%s: field %s%s is %s, expected %s", section, prefix, name,
                    v.getClass().getSimpleName(), type.getSimpleName()));
        }
        return type.cast(v);
    }

    public int getInt(String name) {
        return get(name, Integer.class);
    }

    public int getInt(String name, int dflt) {
        return has(name) ? getInt(name) : dflt;
    }

    public long getLong(String name) {
        return get(name, Long.class);
    }

    public boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }

    public boolean getBoolean(String name, boolean dflt) {
        return has(name) ? getBoolean(name) : dflt;
    }

    public String getString(String name) {
        return get(name, String.class);
    }

    public byte[] getBytes(String name) {
        return get(name, byte[].class).clone();
    }

    /** A byte block that must have exactly {@code length} bytes. */
    public byte[] getBytes(String name, int length) {
        byte[] b = getBytes(name);
        if (b.length != length) {
            throw new StateException(String.format("%s: field %s%s has %d bytes, expected %d", section, prefix, name,
                    b.length, length));
        }
        return b;
    }
}
