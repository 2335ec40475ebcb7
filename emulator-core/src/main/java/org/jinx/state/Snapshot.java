package org.jinx.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine snapshot: named sections, one per device or table, each a version and a map of named
 * fields. {@link #encode} and {@link #decode} give a self-describing byte form (every field
 * carries its name and type tag), so reading never depends on position.
 */
public final class Snapshot {
    private static final int MAGIC = 0x4A4E5853; // "JNXS"
    private static final int FORMAT = 1;
    private static final int T_INT = 1, T_LONG = 2, T_BOOL = 3, T_STRING = 4, T_BYTES = 5;

    private record Section(int version, Map<String, Object> fields) {
    }

    private final Map<String, Section> sections = new LinkedHashMap<>();

    /** Saves one device under {@code name}; names are unique within a snapshot. */
    public void save(String name, Snapshottable s) {
        if (sections.containsKey(name)) {
            throw new IllegalArgumentException("snapshot section saved twice: " + name);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        s.saveState(new StateWriter(fields, ""));
        sections.put(name, new Section(s.stateVersion(), fields));
    }

    /** Loads one device from its section. Call {@link Snapshottable#postLoad} after all sections are loaded. */
    public void load(String name, Snapshottable s) {
        Section sec = sections.get(name);
        if (sec == null) {
            throw new StateException("snapshot has no section " + name);
        }
        s.loadState(new StateReader(name, sec.version, sec.fields, ""));
    }

    public boolean has(String name) {
        return sections.containsKey(name);
    }

    public List<String> sectionNames() {
        return new ArrayList<>(sections.keySet());
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(sections.size());
            for (Map.Entry<String, Section> e : sections.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().version);
                out.writeInt(e.getValue().fields.size());
                for (Map.Entry<String, Object> f : e.getValue().fields.entrySet()) {
                    out.writeUTF(f.getKey());
                    writeValue(out, f.getValue());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v instanceof Integer i) {
            out.writeByte(T_INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(T_LONG);
            out.writeLong(l);
        } else if (v instanceof Boolean b) {
            out.writeByte(T_BOOL);
            out.writeBoolean(b);
        } else if (v instanceof String s) {
            out.writeByte(T_STRING);
            out.writeUTF(s);
        } else if (v instanceof byte[] b) {
            out.writeByte(T_BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else {
            throw new IllegalStateException("unsupported state value " + v.getClass());
        }
    }

    public static Snapshot decode(byte[] data) {
        Snapshot snap = new Snapshot();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new StateException("not a Jinx snapshot (bad magic)");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new StateException("snapshot format " + format + " is not supported (this build reads " + FORMAT + ")");
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int version = in.readInt();
                int count = in.readInt();
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int j = 0; j < count; j++) {
                    String key = in.readUTF();
                    fields.put(key, readValue(in, name, key));
                }
                snap.sections.put(name, new Section(version, fields));
            }
        } catch (EOFException e) {
            throw new StateException("snapshot is truncated");
        } catch (IOException e) {
            throw new StateException("snapshot cannot be read: " + e.getMessage());
        }
        return snap;
    }

    private static Object readValue(DataInputStream in, String section, String key) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case T_INT:
                return in.readInt();
            case T_LONG:
                return in.readLong();
            case T_BOOL:
                return in.readBoolean();
            case T_STRING:
                return in.readUTF();
            case T_BYTES: {
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new StateException(section + ": field " + key + " has a bad length " + len);
                }
                byte[] b = new byte[len];
                in.readFully(b);
                return b;
            }
            default:
                throw new StateException(section + ": field " + key + " has unknown type tag " + tag);
        }
    }
}
