package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jinx.Machine;
import org.jinx.cpu.TrapSink;
import org.jinx.dev.PcPlatform;
import org.junit.jupiter.api.DynamicTest;

/**
 * One boot of self-checking guest programs (src/test/c) on the PC board, and its console read
 * back as tests: every "ok NAME" / "not ok NAME: why" line becomes a test named NAME, and every
 * "plan N" line promises N of them, so a program that dies halfway cannot pass by saying less.
 */
final class GuestRun {
    private static final Pattern RESULT = Pattern.compile("^(ok|not ok) (\\S+)(?:: (.*))?$");
    private static final Pattern PLAN = Pattern.compile("^plan (\\d+)$");

    final HostedSystem.Outcome outcome;
    final String console;
    final List<String> log;

    private GuestRun(HostedSystem.Outcome outcome, String console, List<String> log) {
        this.outcome = outcome;
        this.console = console;
        this.log = log;
    }

    static GuestRun boot(long maxInstructions, BootImage.Module... modules) {
        StringBuilder console = new StringBuilder();
        List<String> log = new ArrayList<>();
        HostedSystem sys = HostedSystem.onPc(new HostedSystem.Settings(32 << 20, 33_000_000L, true), console::append, log::add);
        return run(sys, maxInstructions, console, log, modules);
    }

    /**
     * Like {@link #boot}, and counts every external interrupt the CPU hands the kernel, by vector,
     * into {@code byVector}: what the guest cannot see itself, such as how often a line fired
     * while its owner was busy. The kernel's trap sink is attached when the run starts, so it is
     * wrapped by an event at the first cycle, long before the first interrupt.
     */
    static GuestRun bootCountingInterrupts(long maxInstructions, Map<Integer, Integer> byVector, BootImage.Module... modules) {
        StringBuilder console = new StringBuilder();
        List<String> log = new ArrayList<>();
        Machine m = new Machine(32 << 20, 33_000_000L);
        OutputStream debugConsole = new OutputStream() {
            @Override
            public void write(int b) {
                console.append((char) (b & 0xFF));
            }
        };
        new PcPlatform(m, PcPlatform.Options.defaults().withDeterministic(true).withDebugPorts(
                new PcPlatform.DebugPorts(debugConsole, code -> log.add("POST " + code), PcPlatform.DebugPorts.NO_EXTRA_POST_PORT)));
        HostedSystem sys = new HostedSystem(m, console::append, log::add);
        m.scheduler.newTimer("count external interrupts", () -> {
            TrapSink kernel = m.cpu.trapSink;
            m.cpu.trapSink = (cpu, kind, vector, hasErrorCode, errorCode) -> {
                if (kind == TrapSink.Kind.EXTERNAL) {
                    byVector.merge(vector, 1, Integer::sum);
                }
                return kernel.trap(cpu, kind, vector, hasErrorCode, errorCode);
            };
        }).scheduleAt(1);
        return run(sys, maxInstructions, console, log, modules);
    }

    private static GuestRun run(HostedSystem sys, long maxInstructions, StringBuilder console, List<String> log,
            BootImage.Module... modules) {
        try {
            sys.boot(List.of(modules));
        } catch (org.jinx.boot.BootException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return new GuestRun(sys.run(maxInstructions), console.toString(), log);
    }

    static BootImage.Module system(String program, String... args) {
        return BootImage.Module.system(program, GuestPrograms.test(program), args);
    }

    static BootImage.Module user(String program, String... args) {
        return BootImage.Module.user(program, GuestPrograms.test(program), args);
    }

    List<String> lines() {
        return console.lines().toList();
    }

    /** Every result line as a test, then one that every plan was met. */
    Stream<DynamicTest> results() {
        List<DynamicTest> tests = new ArrayList<>();
        int planned = 0;
        int reported = 0;
        for (String line : lines()) {
            Matcher p = PLAN.matcher(line);
            if (p.matches()) {
                planned += Integer.parseInt(p.group(1));
                continue;
            }
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                reported++;
                boolean ok = m.group(1).equals("ok");
                String why = m.group(3);
                tests.add(DynamicTest.dynamicTest(m.group(2), () -> assertThat(ok).as("%s%n%s", why, context()).isTrue()));
            }
        }
        int p = planned;
        int r = reported;
        tests.add(DynamicTest.dynamicTest("every_planned_check_reported", () ->
                assertThat(r).as("checks reported of %d planned%n%s", p, context()).isEqualTo(p)));
        return tests.stream();
    }

    String context() {
        return "end: " + outcome.end() + " statuses: " + outcome.statuses() + "\nconsole:\n" + console + "log: " + log
                + "\n" + outcome.processes();
    }
}
