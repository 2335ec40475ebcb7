package org.jinx.kernel.boot;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jinx.Machine;
import org.jinx.boot.BootException;
import org.jinx.dev.PcPlatform;
import org.jinx.kernel.BusPortIo;
import org.jinx.kernel.CpuTrapBinding;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.mm.FrameAllocator;
import org.jinx.kernel.mm.PagedAddressSpaces;
import org.jinx.kernel.proc.Proc;
import org.jinx.mem.PagedGuestMemory;

/**
 * Hosted mode put together: a machine whose board (an 8259 pair at 0x20/0xA0 and an 8254 at 0x40
 * on IRQ 0, as PcPlatform wires them) the caller has built, the kernel on top of it with paged
 * address spaces over the machine's RAM, and boot modules loaded by {@link BootImage}. The run
 * ends when every system module has ended (every module, if there are only user ones), when the
 * system asks to shut down, when nothing can ever run again, or at an instruction limit.
 *
 * <p>Everything the run sees comes from virtual time, so the same modules on the same board give
 * the same run, instruction for instruction.
 */
public final class HostedSystem {
    /** Physical memory below this stays out of the kernel's hands (BIOS area, VGA window). */
    public static final int FIRST_FRAME = 0x100000;

    /** How a run ended. */
    public enum End {
        /** Every module that counts has ended; see the statuses. */
        ALL_EXITED,
        /** SYS_ABORT. */
        SHUTDOWN,
        /** Nobody can run and nothing (alarm, interrupt hook) can ever wake anybody. */
        STUCK,
        INSTRUCTION_LIMIT,
        /** The CPU or the machine stopped on its own (shutdown, interrupted). */
        MACHINE_STOPPED
    }

    /** The outcome: how it ended, each module's exit status (absent if it did not end). */
    public record Outcome(End end, Map<String, Integer> statuses, int shutdownHow, long instructions,
                          long ticks, String processes) {
        /** 0 if every system module ended with 0, else the first non-zero status in module order. */
        public int firstFailure() {
            return statuses.values().stream().filter(s -> s != 0).findFirst().orElse(0);
        }
    }

    public final Machine machine;
    public final Kernel kernel;
    public final PagedAddressSpaces spaces;
    /** The page every process sees at KERNINFO_ADDR. */
    public final KernInfo kernInfo;
    /** The modules' endpoints, names and kinds, in boot order. */
    private final List<Integer> modules = new ArrayList<>();
    private final List<String> moduleNames = new ArrayList<>();
    private final List<Boolean> moduleIsUser = new ArrayList<>();
    private final Map<Integer, Integer> exits = new LinkedHashMap<>();
    private End end;
    private int shutdownHow = -1;

    /** The machine hosted mode runs on: RAM size, CPU frequency, and whether the host may enter. */
    public record Settings(int ramBytes, long cpuHz, boolean deterministic) {
        public static Settings defaults() {
            return new Settings(32 << 20, 33_000_000L, false);
        }
    }

    /**
     * Hosted mode on the PC board (PcPlatform): a new machine with every PC chip wired, the
     * kernel on top. Text a driver writes to the debug console port (0xE9, through SYS_DEVIO)
     * joins the same console; POST codes go to the log. With {@code deterministic} the RTC
     * starts at a fixed date, the only input the board would otherwise take from the host.
     */
    public static HostedSystem onPc(Settings s, Consumer<String> console, Consumer<String> log) {
        Machine m = new Machine(s.ramBytes(), s.cpuHz());
        PcPlatform.DebugPorts ports = new PcPlatform.DebugPorts(new ConsoleStream(console), code -> log.accept("POST " + code),
                PcPlatform.DebugPorts.NO_EXTRA_POST_PORT);
        new PcPlatform(m, PcPlatform.Options.defaults().withDeterministic(s.deterministic()).withDebugPorts(ports));
        return new HostedSystem(m, console, log);
    }

    /** Bytes written to port 0xE9, handed to the console a line (or a flush) at a time. */
    private static final class ConsoleStream extends OutputStream {
        private final Consumer<String> console;
        private final StringBuilder line = new StringBuilder();

        ConsoleStream(Consumer<String> console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            line.append((char) (b & 0xFF));
        }

        @Override
        public void flush() {
            if (line.length() > 0) {
                console.accept(line.toString());
                line.setLength(0);
            }
        }
    }

    /**
     * @param machine a machine with the PIC pair and the PIT on its I/O bus and the master PIC as
     *                the CPU's interrupt controller
     * @param console where system processes' text (SYS_DIAGCTL) goes, as written
     * @param log     the kernel's own messages
     */
    public HostedSystem(Machine machine, Consumer<String> console, Consumer<String> log) {
        this.machine = machine;
        FrameAllocator frames = new FrameAllocator(FIRST_FRAME, machine.mem.ramSize());
        this.spaces = new PagedAddressSpaces(machine.mem, frames);
        this.kernel = new Kernel(new PagedGuestMemory(machine.mem), spaces, new BusPortIo(machine.io), log);
        kernel.setConsole(console);
        this.kernInfo = new KernInfo(machine.mem, frames, spaces, kernel, machine.clock.hz());
        kernel.setTickHook(kernInfo::refresh);
        kernel.setEvents(new Kernel.Events() {
            @Override
            public void exited(Proc p, int status) {
                moduleEnded(p, status);
            }

            @Override
            public void shutdown(int how) {
                shutdownHow = how;
                stop(End.SHUTDOWN);
            }

            @Override
            public void idle() {
                if (!kernel.canWake()) {
                    stop(End.STUCK);
                }
            }
        });
    }

    /** Loads the modules as boot processes. */
    public List<Proc> boot(List<BootImage.Module> mods) throws BootException {
        List<Proc> loaded = new BootImage(kernel).load(mods);
        kernInfo.refresh();             // the image's names are the modules' now
        for (int i = 0; i < loaded.size(); i++) {
            modules.add(loaded.get(i).endpoint());
            moduleNames.add(loaded.get(i).name());
            moduleIsUser.add(mods.get(i).user());
        }
        return loaded;
    }

    /** Runs until the system ends (see the class comment), or {@code maxInstructions} (0: no limit). */
    public Outcome run(long maxInstructions) {
        return run(maxInstructions, machine::run);
    }

    /**
     * The same with another run loop (a debugger's), called once the first process is on the
     * CPU with the instruction limit (0: none); it returns what ended the run, as Machine.run.
     */
    public Outcome run(long maxInstructions, LongFunction<Machine.StopReason> runLoop) {
        end = null;
        kernel.schedule();
        new CpuTrapBinding(kernel).attach(machine.cpu);
        Machine.StopReason r = runLoop.apply(maxInstructions);
        End e = end != null ? end
                : r == Machine.StopReason.INSTRUCTION_LIMIT ? End.INSTRUCTION_LIMIT : End.MACHINE_STOPPED;
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            Integer s = exits.get(modules.get(i));
            if (s != null) {
                statuses.put(moduleNames.get(i), s);
            }
        }
        return new Outcome(e, statuses, shutdownHow, machine.cpu.instructions, kernel.clock().ticks(),
                kernel.procs().dump());
    }

    private void moduleEnded(Proc p, int status) {
        int e = p.endpoint();
        if (!modules.contains(e) || exits.containsKey(e)) {
            return;
        }
        exits.put(e, status);
        boolean anySystem = moduleIsUser.contains(false);
        for (int j = 0; j < modules.size(); j++) {
            boolean counts = !anySystem || !moduleIsUser.get(j);
            if (counts && !exits.containsKey(modules.get(j))) {
                return;
            }
        }
        stop(End.ALL_EXITED);
    }

    private void stop(End why) {
        if (end == null) {
            end = why;
        }
        machine.requestExit(0);
    }
}
