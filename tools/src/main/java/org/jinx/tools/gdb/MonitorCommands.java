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
        add("help", "this list", this::help);
        add("registers", "all CPU registers: segments with their hidden parts, GDTR, IDTR, CR0-CR3, DR0-DR7",
                DebugTarget::registerDump);
        add("memory map", "linear ranges mapped by the current page tables; hosted: the selected process's"
                + " (also: info mem)", DebugTarget::memoryMap);
        add("ps", "the hosted kernel's processes: gdb thread, slot, endpoint, name, priority, RTS flags,"
                + " where blocked, EIP", t -> orHostedOnly(t.processList(), "the process list"));
        add("ipc", "the hosted kernel's IPC state: who sends to or receives from whom, caller queues,"
                + " pending notifications and asynchronous messages (also: info ipc)",
                t -> orHostedOnly(t.ipcState(), "IPC state"));
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

    private String help(DebugTarget target) {
        StringBuilder sb = new StringBuilder("Jinx monitor commands:\n");
        commands.forEach((name, e) -> sb.append(String.format("  %-12s %s%n", name, e.help)));
        sb.append(target.addressNote()).append('\n');
        return sb.toString();
    }

    private static String orHostedOnly(String text, String what) {
        return text != null ? text
                : what + " needs hosted mode (jinx boot --module); this is PC mode, where the guest owns the machine\n";
    }
}
