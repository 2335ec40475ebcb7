package org.jinx.tools.gdb;

import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;

/**
 * Stop replies (gdb-rsp.md section 3): {@code T} with gdb's signal number, the thread the guest
 * stopped in, that thread's registers gdb needs first after every stop (ESP, EBP, EIP, so a
 * stepi costs no {@code g}; every stop selects the stopped thread), and the reason:
 * {@code swbreak:}, {@code hwbreak:}, {@code watch:ADDR}, {@code rwatch:ADDR}, {@code awatch:ADDR}. {@code W} when the guest exited, {@code X} when the run ended otherwise.
 */
final class StopReplies {
    static final int SIGINT = 2, SIGQUIT = 3, SIGTRAP = 5;

    private StopReplies() {
    }

    static String of(StopEvent e, GdbSession s) {
        switch (e.reason()) {
            case EXITED:
                return String.format("W%02x", e.code() & 0xFF);
            case TERMINATED:
                return String.format("X%02x", e.code() & 0xFF);
            default:
                break;
        }
        int signal = switch (e.reason()) {
            case INTERRUPTED -> SIGINT;
            case SHUTDOWN -> SIGQUIT; // as QEMU reports a guest shutdown
            default -> SIGTRAP;
        };
        StringBuilder sb = new StringBuilder(String.format("T%02xthread:%02x;", signal, s.target.stoppedThread()));
        expedite(sb, s.target, 4);
        expedite(sb, s.target, 5);
        expedite(sb, s.target, DebugTarget.REG_EIP);
        switch (e.reason()) {
            case BREAKPOINT -> sb.append(s.swbreak ? "swbreak:;" : "");
            case HW_BREAKPOINT -> sb.append(s.hwbreak ? "hwbreak:;" : "");
            case WATCH -> sb.append(String.format("watch:%x;", e.address()));
            case READ_WATCH -> sb.append(String.format("rwatch:%x;", e.address()));
            case ACCESS_WATCH -> sb.append(String.format("awatch:%x;", e.address()));
            default -> {
            }
        }
        return sb.toString();
    }

    private static void expedite(StringBuilder sb, DebugTarget t, int reg) {
        byte[] b = new byte[4];
        if (t.readRegister(reg, b, 0) == 4) {
            sb.append(String.format("%02x:", reg)).append(Hex.encode(b, 0, 4)).append(';');
        }
    }
}
