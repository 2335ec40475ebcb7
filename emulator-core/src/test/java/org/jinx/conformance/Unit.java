package org.jinx.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;

/**
 * A piece of a test sequence that the shrinker keeps or drops as a whole: an instruction under
 * test with the setup instructions that make it safe and meaningful (a base register pointed
 * into the buffer, a shift count in CL, a dividend in EDX:EAX), or a branch with the units it
 * may skip.
 *
 * <p>A unit knows what it needs from its surroundings: per instruction the flags it reads,
 * changes and leaves undefined ({@link UndefinedFlags}), how it moves ESP, and which bytes
 * around ESP it touches. {@link Analysis} checks a whole sequence against these.
 */
final class Unit {
    /** What the unit tests, for reports. */
    final String what;
    /** For a leaf, all its bytes. For a branch, the branch instruction up to its displacement. */
    final byte[] head;
    /** Branch displacement size (1 or 4); 0 for a leaf. */
    final int dispSize;
    /** The units a taken branch skips; empty for a leaf. */
    final List<Unit> body;
    /** Per instruction of a leaf (or the branch instruction): start offset and flag effects. */
    final int[] starts;
    final int[] reads;
    final int[] writes;
    final int[] undefs;
    private final int[] counts;
    /** ESP after the unit: ESP + espDelta, or espAbsolute when setsEsp. */
    final int espDelta;
    final boolean setsEsp;
    final int espAbsolute;
    /** Bytes the unit touches relative to ESP at its start: [stackLo, stackHi). */
    final int stackLo;
    final int stackHi;

    private Unit(String what, byte[] head, int dispSize, List<Unit> body, int[] starts, int[] counts, int espDelta,
            boolean setsEsp, int espAbsolute, int stackLo, int stackHi) {
        this.what = what;
        this.head = head;
        this.dispSize = dispSize;
        this.body = List.copyOf(body);
        this.starts = starts;
        this.espDelta = espDelta;
        this.setsEsp = setsEsp;
        this.espAbsolute = espAbsolute;
        this.stackLo = stackLo;
        this.stackHi = stackHi;
        this.counts = counts;
        reads = new int[starts.length];
        writes = new int[starts.length];
        undefs = new int[starts.length];
        // A branch's head lacks its displacement: decode it with a zero one.
        byte[] code = dispSize == 0 ? head : Arrays.copyOf(head, head.length + dispSize);
        for (int i = 0; i < starts.length; i++) {
            DecodedInsn d;
            try {
                d = Decoder.decode(code, starts[i], true);
            } catch (Decoder.EndOfBytes e) {
                continue; // longer than 15 bytes: it faults, touching no flag
            }
            reads[i] = UndefinedFlags.read(d, counts[i]);
            writes[i] = UndefinedFlags.written(d, counts[i]);
            undefs[i] = UndefinedFlags.undefined(d, counts[i]);
        }
    }

    boolean isBranch() {
        return dispSize != 0;
    }

    /** The same branch with another body. */
    Unit withBody(List<Unit> newBody) {
        return new Unit(what, head, dispSize, newBody, starts, counts, espDelta, setsEsp, espAbsolute, stackLo,
                stackHi);
    }

    int length() {
        int n = head.length + dispSize;
        for (Unit u : body) {
            n += u.length();
        }
        return n;
    }

    /** Appends the unit's bytes to {@code out}. */
    void emit(ByteList out) {
        out.add(head);
        if (dispSize == 0) {
            return;
        }
        int bodyLen = 0;
        for (Unit u : body) {
            bodyLen += u.length();
        }
        out.addLe(bodyLen, dispSize);
        for (Unit u : body) {
            u.emit(out);
        }
    }

    static byte[] bytesOf(List<Unit> units) {
        ByteList out = new ByteList();
        for (Unit u : units) {
            u.emit(out);
        }
        return out.toArray();
    }

    @Override
    public String toString() {
        return what;
    }

    /** Builds a leaf unit instruction by instruction. */
    static final class Builder {
        private final String what;
        private final ByteList bytes = new ByteList();
        private final List<Integer> starts = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private int espDelta;
        private boolean setsEsp;
        private int espAbsolute;
        private int stackLo;
        private int stackHi;

        Builder(String what) {
            this.what = what;
        }

        /** One instruction. */
        Builder insn(int... b) {
            return counted(UndefinedFlags.UNKNOWN, b);
        }

        /** One instruction whose flags depend on a count the unit set (CL, or ECX for REP). */
        Builder counted(int count, int... b) {
            starts.add(bytes.size());
            counts.add(count);
            for (int x : b) {
                bytes.add(x);
            }
            return this;
        }

        Builder insn(ByteList b) {
            return insn(b.toInts());
        }

        Builder espDelta(int d) {
            espDelta += d;
            return this;
        }

        Builder setsEsp(int value) {
            setsEsp = true;
            espAbsolute = value;
            espDelta = 0;
            return this;
        }

        /** The unit touches [ESP + lo, ESP + hi) relative to ESP at its start. */
        Builder touches(int lo, int hi) {
            if (stackLo == stackHi) {
                stackLo = lo;
                stackHi = hi;
            } else {
                stackLo = Math.min(stackLo, lo);
                stackHi = Math.max(stackHi, hi);
            }
            return this;
        }

        Unit build() {
            return new Unit(what, bytes.toArray(), 0, List.of(), ints(starts), ints(counts), espDelta, setsEsp,
                    espAbsolute, stackLo, stackHi);
        }

        /**
         * A branch: the last instruction added is the branch without its displacement (any
         * before it are setup, such as the count for LOOP).
         */
        Unit branch(int dispSize, List<Unit> body) {
            return new Unit(what, bytes.toArray(), dispSize, body, ints(starts), ints(counts), 0, false, 0, 0, 0);
        }

        private static int[] ints(List<Integer> l) {
            int[] a = new int[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = l.get(i);
            }
            return a;
        }
    }
}
