package org.jinx.state;

import java.util.Map;

/**
 * Named fields of one snapshot section. {@link #child} gives a view that prefixes every name,
 * for a part a device owns several of (the 8254's three counters: {@code "counter0.mode"}).
 */
public final class StateWriter {
    private final Map<String, Object> fields;
    private final String prefix;

    StateWriter(Map<String, Object> fields, String prefix) {
        this.fields = fields;
        this.prefix = prefix;
    }

    /** A writer over a fresh map, for tests and for callers that build their own container. */
    public static StateWriter into(Map<String, Object> fields) {
        return new StateWriter(fields, "");
    }

    public StateWriter child(String name) {
        return new StateWriter(fields, prefix + name + ".");
    }

    private void put(String name, Object v) {
        String key = prefix + name;
        if (fields.containsKey(key)) {
            throw new IllegalStateException("state field written twice: " + key);
        }
        fields.put(key, v);
    }

    public StateWriter putInt(String name, int v) {
        put(name, v);
        return this;
    }

    public StateWriter putLong(String name, long v) {
        put(name, v);
        return this;
    }

    public StateWriter putBoolean(String name, boolean v) {
        put(name, v);
        return this;
    }

    public StateWriter putString(String name, String v) {
        put(name, v);
        return this;
    }

    /** A byte block with one meaning (CMOS RAM, a FIFO's contents); copied. */
    public StateWriter putBytes(String name, byte[] v) {
        put(name, v.clone());
        return this;
    }
}
