package org.jinx.tools.gdb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jinx.debug.DebugTarget;

/**
 * {@code monitor ...} commands (qRcmd): the name, then a handler that returns the text gdb
 * prints. An unknown command prints a hint rather than failing, since gdb turns an error reply
 * into a bare "Protocol error with Rcmd".
 */
final class MonitorCommands {
    private record Entry(String help, Function<DebugTarget, String> action) {
    }

    private final Map<String, Entry> commands = new LinkedHashMap<>();

    MonitorCommands() {
        add("help", "this list", t -> help());
        add("registers", "all CPU registers: segments with their hidden parts, GDTR, IDTR, CR0-CR3, DR0-DR7",
                DebugTarget::registerDump);
        add("memory map", "linear ranges mapped by the current page tables (also: info mem)", DebugTarget::memoryMap);
        add("ipc", "IPC state of the hosted kernel (also: info ipc)", t -> hostedOnly("IPC state"));
        add("ps", "the hosted kernel's process list", t -> hostedOnly("the process list"));
    }

    private void add(String name, String help, Function<DebugTarget, String> action) {
        commands.put(name, new Entry(help, action));
    }

    String run(DebugTarget target, String line) {
        String cmd = line.trim().replaceAll("\\s+", " ");
        cmd = switch (cmd) {
            case "regs", "info registers" -> "registers";
            case "info mem", "info memory" -> "memory map";
            case "info ipc" -> "ipc";
            default -> cmd;
        };
        Entry e = commands.get(cmd);
        if (e == null) {
            return "unknown monitor command '" + line.trim() + "'; 'monitor help' lists them\n";
        }
        String out = e.action.apply(target);
        return out.endsWith("\n") ? out : out + "\n";
    }

    private String help() {
        StringBuilder sb = new StringBuilder("Jinx monitor commands:\n");
        commands.forEach((name, e) -> sb.append(String.format("  %-12s %s%n", name, e.help)));
        sb.append("Addresses in gdb are linear (segment base + offset), translated through the current page tables.\n");
        return sb.toString();
    }

    private static String hostedOnly(String what) {
        return what + " needs hosted mode (jinx boot); this is PC mode, where the guest owns the machine\n";
    }
}
