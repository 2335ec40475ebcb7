package org.jinx.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds random test cases: an initial state (registers, EFLAGS, the buffer's seed) and a
 * sequence of units drawn from every family, with short forward branches (Jcc, JMP, LOOP,
 * LOOPE, LOOPNE, JCXZ, rel8 and rel32) over some of them. Before a unit that reads a flag an
 * earlier one left undefined, an ADD/SUB/CMP is inserted to define it; units that would move
 * the stack out of its area are dropped. Case {@code i} of seed {@code s} is always the same
 * (on an AMD host a few more kinds of case are allowed, so there it is the same among AMD hosts).
 */
final class Generator {
    private static final int MAX_UNITS = 24;

    private final long seed;
    private final boolean amdHost;

    Generator(long seed) {
        this(seed, false);
    }

    /** {@code amdHost}: also generate cases whose outcome only AMD processors (and Jinx) agree on. */
    Generator(long seed, boolean amdHost) {
        this.seed = seed;
        this.amdHost = amdHost;
    }

    /** Case number {@code index} of this generator's seed. */
    TestCase next(long index) {
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 1);
        Gen g = new Gen(rng);
        g.amdHost = amdHost;
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) {
            regs[r] = rng.value();
        }
        regs[Gen.ESP] = Layout.ESP_START + (rng.chance(0.8) ? rng.range(-64, 64) * 4 : rng.range(-256, 256));
        int eflags = 0x202 | rng.bits32() & UndefinedFlags.OSZAPC | (rng.chance(0.2) ? 0x400 : 0);
        int memSeed = rng.bits32();
        Sequence s = new Sequence(g, regs[Gen.ESP]);
        int n = rng.range(1, MAX_UNITS);
        for (int i = 0; i < n; i++) {
            s.addRandom(0);
        }
        return new TestCase(memSeed, regs, eflags, s.units);
    }

    /** A sequence under construction, with the analysis state after its units. */
    private static final class Sequence {
        private final Gen g;
        private final Rng rng;
        private final ArithUnits arith;
        private final DataUnits data;
        private final StackUnits stack;
        private final StringUnits strings;
        private final FaultUnits faults;
        private final CallUnits calls;
        private final SegmentUnits segments;
        private final List<Supplier<Unit>> table = new ArrayList<>();
        final List<Unit> units = new ArrayList<>();
        Analysis.State state;
        private int bytes;

        Sequence(Gen g, int esp) {
            this.g = g;
            this.rng = g.rng;
            arith = new ArithUnits(g);
            data = new DataUnits(g);
            stack = new StackUnits(g);
            strings = new StringUnits(g);
            faults = new FaultUnits(g);
            calls = new CallUnits(g);
            segments = new SegmentUnits(g);
            state = new Analysis.State(0, esp);
            weight(14, arith::alu);
            weight(3, arith::test);
            weight(4, arith::incDec);
            weight(3, arith::negNot);
            weight(10, arith::shift);
            weight(4, arith::doubleShift);
            weight(5, arith::mul);
            weight(4, arith::imulMulti);
            weight(6, arith::div);
            weight(4, arith::bcd);
            weight(5, data::bitTest);
            weight(3, data::bitScan);
            weight(4, data::setcc);
            weight(5, data::mov);
            weight(3, data::movx);
            weight(4, data::lea);
            weight(3, data::xchg);
            weight(2, data::convert);
            weight(1, data::xlat);
            weight(2, data::lahfSahf);
            weight(3, data::flagControl);
            weight(1, data::nop);
            weight(1, data::arpl);
            weight(8, strings::string);
            weight(4, stack::push);
            weight(4, stack::pop);
            weight(2, stack::pushaPopa);
            weight(3, stack::pushfPopf);
            weight(2, stack::enter);
            weight(2, stack::leave);
            weight(2, calls::any);
            weight(2, segments::any);
            weight(1, faults::any);
        }

        private void weight(int w, Supplier<Unit> s) {
            for (int i = 0; i < w; i++) {
                table.add(s);
            }
        }

        /** Adds one random unit (or a branch over some), with a flag definer first if needed. */
        void addRandom(int depth) {
            for (int tries = 0; tries < 20; tries++) {
                g.esp = state.esp;
                Unit u = rng.chance(depth == 0 ? 0.1 : 0.05) ? branch(depth) : table.get(rng.below(table.size())).get();
                if (u == null || g.inBody && (u.espDelta != 0 || u.setsEsp)) {
                    continue;
                }
                if (bytes + u.length() > Layout.MAX_CODE - 64) {
                    return;
                }
                if (tryAdd(u)) {
                    return;
                }
                Unit definer = new ArithUnits(g).definer();
                Analysis.State s = state.copy();
                if (Analysis.step(s, definer) == null && Analysis.step(s, u) == null) {
                    units.add(definer);
                    units.add(u);
                    bytes += definer.length() + u.length();
                    state = s;
                    return;
                }
            }
        }

        private boolean tryAdd(Unit u) {
            Analysis.State s = state.copy();
            if (Analysis.step(s, u) != null) {
                return false;
            }
            units.add(u);
            bytes += u.length();
            state = s;
            return true;
        }

        /**
         * A forward branch over 1-3 units that leave ESP alone. LOOP and JCXZ get a count in
         * ECX first (sometimes only CX, behind a 67 prefix).
         */
        private Unit branch(int depth) {
            if (depth >= 2) {
                return null;
            }
            Sequence body = new Sequence(g, state.esp);
            body.state = state.copy();
            boolean wasInBody = g.inBody;
            g.inBody = true;
            int n = rng.range(1, 3);
            for (int i = 0; i < n; i++) {
                body.addRandom(depth + 1);
            }
            g.inBody = wasInBody;
            g.esp = state.esp;
            int kind = rng.below(10);
            Unit.Builder b;
            int dispSize = 1;
            if (kind < 4) {
                int cc = rng.below(16);
                b = new Unit.Builder(String.format("Jcc %X", cc));
                if (rng.chance(0.3)) {
                    b.insn(0x0F, 0x80 + cc);
                    dispSize = 4;
                } else {
                    b.insn(0x70 + cc);
                }
            } else if (kind == 4) {
                b = new Unit.Builder("JMP");
                dispSize = rng.chance(0.5) ? 1 : 4;
                b.insn(dispSize == 1 ? 0xEB : 0xE9);
            } else {
                int k = rng.below(4);
                String[] names = {"LOOPNE", "LOOPE", "LOOP", "JECXZ"};
                boolean a16 = rng.chance(0.3);
                b = new Unit.Builder(names[k] + (a16 ? " CX" : ""));
                int count = rng.pick(0, 1, 2, 0x10000, 0x10001, rng.value());
                if (rng.chance(0.8)) {
                    b.insn(Gen.movImm32(Gen.ECX, count));
                }
                b.insn(a16 ? new int[] {0x67, 0xE0 + k} : new int[] {0xE0 + k});
            }
            int len = 0;
            for (Unit u : body.units) {
                len += u.length();
            }
            if (dispSize == 1 && len > 127) {
                return null;
            }
            return b.branch(dispSize, body.units);
        }
    }
}
