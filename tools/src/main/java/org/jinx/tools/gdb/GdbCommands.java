package org.jinx.tools.gdb;

import java.util.HashMap;
import java.util.Map;
import org.jinx.debug.BreakpointKind;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;

/**
 * The packet table: one handler per packet, found by its letter, or for {@code q}, {@code Q}
 * and {@code v} packets by name (the text up to the first {@code : , ;}). A handler returns the
 * reply's data, or null when the reply comes later (a stop) or never ({@code k}). A packet with
 * no handler gets the empty reply, which tells gdb it is not supported (gdb-rsp.md P4: never
 * {@code OK} or {@code E} for an unknown packet). A malformed packet gets {@code E22}.
 */
final class GdbCommands {
    /** Handles one packet; {@code p} is the whole packet text, one char per byte. */
    @FunctionalInterface
    interface Command {
        String handle(GdbSession s, String p);
    }

    static final String OK = "OK";
    static final String E_INVALID = "E22";
    static final String E_FAULT = "E14";
    static final String E_REFUSED = "E01";
    static final String QSUPPORTED = "PacketSize=" + Integer.toHexString(RspFrameDecoder.PACKET_SIZE)
            + ";qXfer:features:read+;QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+";

    /** The most memory one {@code m} returns: its hex must fit in a packet. */
    static final int MAX_READ = RspFrameDecoder.PACKET_SIZE / 2;

    private final Command[] byLetter = new Command[128];
    private final Map<String, Command> byName = new HashMap<>();
    private final MonitorCommands monitor = new MonitorCommands();

    GdbCommands() {
        letter('?', this::haltReason);          // why the guest is stopped
        letter('g', this::readRegisters);       // all registers
        letter('G', this::writeRegisters);
        letter('p', this::readRegister);        // one register
        letter('P', this::writeRegister);
        letter('m', this::readMemory);          // memory, hex
        letter('M', this::writeMemory);
        letter('X', this::writeMemoryBinary);   // memory, escaped binary
        letter('Z', this::insertBreakpoint);    // Z0 software .. Z4 access watchpoint
        letter('z', this::removeBreakpoint);
        letter('c', (s, p) -> resume(s, false, p.substring(1)));  // c[addr]
        letter('s', (s, p) -> resume(s, true, p.substring(1)));   // s[addr]
        letter('C', (s, p) -> resume(s, false, afterSignal(p)));  // Csig[;addr]: the signal is ignored
        letter('S', (s, p) -> resume(s, true, afterSignal(p)));
        letter('D', this::detach);              // D or D;pid
        letter('k', this::kill);                // no reply
        letter('H', this::selectThread);        // Hg/Hc tid
        letter('T', this::threadAlive);         // T tid

        name("qSupported", this::supported);
        name("QStartNoAckMode", this::startNoAck);
        name("qXfer", this::transfer);          // qXfer:features:read:target.xml:off,len
        name("qAttached", (s, p) -> "1");       // attached to a running machine: gdb detaches on quit
        name("qC", (s, p) -> "QC" + Integer.toHexString(s.target.stoppedThread()));
        name("qfThreadInfo", this::threadList);  // all threads in one reply ...
        name("qsThreadInfo", (s, p) -> "l");     // ... so the next one ends the list
        name("qThreadExtraInfo", this::threadExtraInfo);
        name("qRcmd", this::monitorCommand);    // monitor ...
        name("vCont?", (s, p) -> "vCont;c;C;s;S");
        name("vCont", this::vCont);
        name("vKill", this::vKill);
    }

    private void letter(char c, Command cmd) {
        byLetter[c] = cmd;
    }

    private void name(String n, Command cmd) {
        byName.put(n, cmd);
    }

    /** The reply to one packet, null for none now. Never throws. */
    String dispatch(GdbSession s, String p) {
        if (p.isEmpty()) {
            return "";
        }
        char c = p.charAt(0);
        Command cmd;
        if (c == 'q' || c == 'Q' || c == 'v') {
            cmd = byName.get(nameOf(p));
        } else {
            cmd = c < byLetter.length ? byLetter[c] : null;
        }
        if (cmd == null) {
            return "";
        }
        try {
            return cmd.handle(s, p);
        } catch (BadPacket | IndexOutOfBoundsException | IllegalArgumentException e) {
            return E_INVALID;
        }
    }

    static String nameOf(String p) {
        int end = p.length();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == ':' || c == ',' || c == ';') {
                end = i;
                break;
            }
        }
        return p.substring(0, end);
    }

    // ------------------------------------------------------------------ session and stop

    private String supported(GdbSession s, String p) {
        s.swbreak = p.contains("swbreak+");
        s.hwbreak = p.contains("hwbreak+");
        return QSUPPORTED;
    }

    private String startNoAck(GdbSession s, String p) {
        s.enterNoAckAfterReply = true;
        return OK;
    }

    /** {@code ?}: a new gdb knows nothing of earlier Z insertions, so drop them (as QEMU does). */
    private String haltReason(GdbSession s, String p) {
        if (s.target.isRunning()) {
            return E_REFUSED;
        }
        s.target.removeAllBreakpoints();
        StopEvent e = s.target.lastStop();
        if (!e.isFinal()) {
            // Report a plain stop: the breakpoint or watchpoint of an earlier session is gone.
            boolean signal = e.reason() == StopEvent.Reason.INTERRUPTED || e.reason() == StopEvent.Reason.SHUTDOWN;
            e = signal ? e : StopEvent.of(StopEvent.Reason.STOPPED);
        }
        return StopReplies.of(e, s);
    }

    private String detach(GdbSession s, String p) {
        if (s.target.isRunning()) {
            return E_REFUSED;
        }
        s.attached = false;
        s.target.detach();
        return OK;
    }

    private String kill(GdbSession s, String p) {
        s.attached = false;
        s.target.kill();
        return null;
    }

    private String vKill(GdbSession s, String p) {
        s.attached = false;
        s.target.kill();
        return OK;
    }

    /** {@code Hg} picks the thread for registers, memory and breakpoints; {@code Hc} is accepted for any live thread. */
    private String selectThread(GdbSession s, String p) {
        if (p.length() < 3 || (p.charAt(1) != 'g' && p.charAt(1) != 'c')) {
            throw new BadPacket("H needs g or c and a thread");
        }
        int tid = threadId(p.substring(2));
        if (p.charAt(1) == 'g') {
            return s.target.selectThread(Math.max(tid, 0)) ? OK : E_INVALID;
        }
        return appliesTo(s, tid) ? OK : E_INVALID;
    }

    private String threadAlive(GdbSession s, String p) {
        int tid = threadId(p.substring(1));
        return tid > 0 && s.target.isThreadAlive(tid) ? OK : E_INVALID;
    }

    private String threadList(GdbSession s, String p) {
        StringBuilder sb = new StringBuilder("m");
        for (int tid : s.target.threadIds()) {
            sb.append(sb.length() > 1 ? "," : "").append(Integer.toHexString(tid));
        }
        return sb.length() > 1 ? sb.toString() : "l";
    }

    /** {@code qThreadExtraInfo,TID}: the thread's description as hex text. */
    private String threadExtraInfo(GdbSession s, String p) {
        int comma = p.indexOf(',');
        if (comma < 0) {
            throw new BadPacket("qThreadExtraInfo needs a thread");
        }
        int tid = threadId(p.substring(comma + 1));
        String text = tid > 0 ? s.target.threadDescription(tid) : null;
        return text == null ? E_INVALID : Hex.encode(text);
    }

    /**
     * A thread id: hex, {@code -1} for all (returned as -1), {@code 0} for any (0), or the
     * multiprocess form {@code pPID.TID} (gdb-rsp.md P7).
     */
    static int threadId(String tid) {
        if (tid.startsWith("p")) {
            int dot = tid.indexOf('.');
            tid = dot < 0 ? "-1" : tid.substring(dot + 1);
        }
        if (tid.equals("-1")) {
            return -1;
        }
        long n = Hex.number(tid);
        if (n > Integer.MAX_VALUE) {
            throw new BadPacket("thread id " + tid + " is out of range");
        }
        return (int) n;
    }

    /** True when an action for {@code tid} (a wildcard or a live thread) concerns the target. */
    private static boolean appliesTo(GdbSession s, int tid) {
        return tid <= 0 || s.target.isThreadAlive(tid);
    }

    // ------------------------------------------------------------------ registers

    private String readRegisters(GdbSession s, String p) {
        byte[] b = new byte[16];
        StringBuilder sb = new StringBuilder(2 * 176);
        for (int n = 0; n < DebugTarget.REGISTER_COUNT; n++) {
            int size = s.target.readRegister(n, b, 0);
            if (size < 0) {
                return E_REFUSED;
            }
            sb.append(Hex.encode(b, 0, size));
        }
        return sb.toString();
    }

    /** {@code G}: registers in order for as many as the data covers; a partial register is an error. */
    private String writeRegisters(GdbSession s, String p) {
        byte[] data = Hex.decode(p.substring(1));
        int off = 0;
        for (int n = 0; n < DebugTarget.REGISTER_COUNT && off < data.length; n++) {
            int size = DebugTarget.registerSize(n);
            if (off + size > data.length) {
                return E_INVALID;
            }
            // The x87 part comes back as gdb read it (zeros); no FPU, so only the CPU's registers count.
            if (!s.target.writeRegister(n, data, off) && n < DebugTarget.REG_ST0) {
                return E_REFUSED;
            }
            off += size;
        }
        return OK;
    }

    private String readRegister(GdbSession s, String p) {
        int n = Hex.smallNumber(p.substring(1));
        byte[] b = new byte[16];
        int size = DebugTarget.registerSize(n) < 0 ? -1 : s.target.readRegister(n, b, 0);
        return size < 0 ? E_FAULT : Hex.encode(b, 0, size);
    }

    private String writeRegister(GdbSession s, String p) {
        int eq = p.indexOf('=');
        int n = Hex.smallNumber(p.substring(1, eq));
        byte[] v = Hex.decode(p.substring(eq + 1));
        int size = DebugTarget.registerSize(n);
        if (size < 0 || v.length != size) {
            return E_INVALID;
        }
        return s.target.writeRegister(n, v, 0) ? OK : E_REFUSED;
    }

    // ------------------------------------------------------------------ memory

    private String readMemory(GdbSession s, String p) {
        int comma = p.indexOf(',');
        long addr = Hex.number(p.substring(1, comma));
        int len = Math.min(Hex.smallNumber(p.substring(comma + 1)), MAX_READ);
        if (len == 0) {
            return "";
        }
        byte[] b = new byte[len];
        int got = s.target.readMemory(addr, b, 0, len);
        return got == 0 ? E_FAULT : Hex.encode(b, 0, got);
    }

    private String writeMemory(GdbSession s, String p) {
        int comma = p.indexOf(',');
        int colon = p.indexOf(':', comma);
        long addr = Hex.number(p.substring(1, comma));
        int len = Hex.smallNumber(p.substring(comma + 1, colon));
        byte[] data = Hex.decode(p.substring(colon + 1));
        return write(s, addr, len, data);
    }

    /** {@code X addr,len:binary}. gdb probes with a zero-length write; OK says X works. */
    private String writeMemoryBinary(GdbSession s, String p) {
        int comma = p.indexOf(',');
        int colon = p.indexOf(':', comma);
        long addr = Hex.number(p.substring(1, comma));
        int len = Hex.smallNumber(p.substring(comma + 1, colon));
        byte[] data = p.substring(colon + 1).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return write(s, addr, len, data);
    }

    private static String write(GdbSession s, long addr, int len, byte[] data) {
        if (data.length != len) {
            return E_INVALID;
        }
        if (len == 0) {
            return OK;
        }
        if (s.target.isRunning()) {
            return E_REFUSED;
        }
        return s.target.writeMemory(addr, data, 0, len) == len ? OK : E_FAULT;
    }

    // ------------------------------------------------------------------ breakpoints

    private String insertBreakpoint(GdbSession s, String p) {
        Breakpoint b = Breakpoint.parse(p);
        if (s.target.isRunning()) {
            return E_REFUSED;
        }
        return s.target.insertBreakpoint(b.kind, b.addr, b.length) ? OK : E_REFUSED;
    }

    /** Removing a point that is not there is not an error: {@code ?} may have dropped it. */
    private String removeBreakpoint(GdbSession s, String p) {
        Breakpoint b = Breakpoint.parse(p);
        if (s.target.isRunning()) {
            return E_REFUSED;
        }
        s.target.removeBreakpoint(b.kind, b.addr, b.length);
        return OK;
    }

    /** {@code Ztype,addr,kind[;cond...]}; target-side conditions are not offered, so they are ignored. */
    private record Breakpoint(BreakpointKind kind, long addr, int length) {
        static Breakpoint parse(String p) {
            int semi = p.indexOf(';');
            String[] f = (semi < 0 ? p.substring(1) : p.substring(1, semi)).split(",", -1);
            if (f.length != 3) {
                throw new BadPacket("Z needs type,addr,kind");
            }
            int type = Hex.smallNumber(f[0]);
            if (type >= BreakpointKind.values().length) {
                throw new BadPacket("no breakpoint type " + type);
            }
            return new Breakpoint(BreakpointKind.values()[type], Hex.number(f[1]), Hex.smallNumber(f[2]));
        }
    }

    // ------------------------------------------------------------------ run control

    private static String afterSignal(String p) {
        int semi = p.indexOf(';');
        Hex.number(semi < 0 ? p.substring(1) : p.substring(1, semi)); // must be a signal number
        return semi < 0 ? "" : p.substring(semi + 1);
    }

    /** Starts a continue or step, optionally from {@code addr} (QEMU sets EIP from it too). */
    private String resume(GdbSession s, boolean step, String addr) {
        return resume(s, step, addr, 0);
    }

    /** The same for thread {@code tid} (0: any); see {@link DebugTarget#resume(boolean, int)}. */
    private String resume(GdbSession s, boolean step, String addr, int tid) {
        if (!addr.isEmpty()) {
            long a = Hex.number(addr);
            byte[] eip = new byte[4];
            for (int i = 0; i < 4; i++) {
                eip[i] = (byte) (a >>> 8 * i);
            }
            if (!s.target.writeRegister(DebugTarget.REG_EIP, eip, 0)) {
                return E_REFUSED;
            }
        }
        s.waitingForStop = true;
        if (s.target.resume(step, tid)) {
            return null; // the stop event answers
        }
        s.waitingForStop = false;
        StopEvent last = s.target.lastStop();
        return last.isFinal() ? StopReplies.of(last, s) : E_REFUSED;
    }

    /**
     * {@code vCont;action[:tid]...}: each thread takes the first action that names it or names
     * none. gdb 13 sends {@code vCont;s:1;c} for a plain stepi (step thread 1, continue the
     * rest), so the first action that applies to the CPU decides (gdb-rsp.md P6). With guest
     * processes as threads, a step names its thread, and the target steps that process.
     */
    private String vCont(GdbSession s, String p) {
        String[] actions = p.substring("vCont;".length()).split(";", -1);
        for (String a : actions) {
            int colon = a.indexOf(':');
            String act = colon < 0 ? a : a.substring(0, colon);
            if (act.isEmpty()) {
                throw new BadPacket("empty vCont action");
            }
            char kind = act.charAt(0);
            if (kind == 'C' || kind == 'S') {
                Hex.number(act.substring(1)); // the signal, ignored
            } else if ((kind != 'c' && kind != 's') || act.length() != 1) {
                return E_INVALID;
            }
            int tid = colon >= 0 ? threadId(a.substring(colon + 1)) : 0;
            if (!appliesTo(s, tid)) {
                continue;
            }
            return resume(s, kind == 's' || kind == 'S', "", Math.max(tid, 0));
        }
        return E_INVALID;
    }

    // ------------------------------------------------------------------ transfers and monitor

    /** {@code qXfer:features:read:ANNEX:OFFSET,LENGTH} → {@code m...} (more) or {@code l...} (last). */
    private String transfer(GdbSession s, String p) {
        String[] f = p.split(":", -1);
        if (f.length != 5 || !f[1].equals("features") || !f[2].equals("read")) {
            return "";
        }
        String doc = TargetDescription.annex(f[3]);
        if (doc == null) {
            return "E00";
        }
        int comma = f[4].indexOf(',');
        int off = Hex.smallNumber(f[4].substring(0, comma));
        int len = Math.min(Hex.smallNumber(f[4].substring(comma + 1)), RspFrameDecoder.PACKET_SIZE / 2);
        if (off >= doc.length()) {
            return "l";
        }
        int end = Math.min(doc.length(), off + len);
        return (end < doc.length() ? "m" : "l") + doc.substring(off, end);
    }

    private String monitorCommand(GdbSession s, String p) {
        int comma = p.indexOf(',');
        if (comma < 0) {
            throw new BadPacket("qRcmd needs a command");
        }
        String command = new String(Hex.decode(p.substring(comma + 1)), java.nio.charset.StandardCharsets.ISO_8859_1);
        s.sendOutput(monitor.run(s.target, command));
        return OK;
    }
}
