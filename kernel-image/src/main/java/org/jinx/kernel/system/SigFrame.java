package org.jinx.kernel.system;

import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.proc.Context;

/**
 * The signal frame SYS_SIGSEND builds on a process's stack and SYS_SIGRETURN reads back: the
 * i386 BSD layout ({@code struct sigframe_sigcontext}), so the handler is entered exactly as if
 * it had been called as {@code handler(signo, code, scp)} from the trampoline's address.
 *
 * <pre>
 *   frame + 0   sf_ra       return address: the caller-given trampoline (sm_sigreturn)
 *   frame + 4   sf_signum   first argument
 *   frame + 8   sf_code     second argument (0)
 *   frame + 12  sf_scp      third argument: frame + 16
 *   frame + 16  sf_sc       struct sigcontext: the interrupted registers, the mask, a magic
 * </pre>
 */
final class SigFrame {
    // struct sigmsg, which the signal manager passes to SYS_SIGSEND
    @Abi(offsetOf = "struct sigmsg.sm_signo")
    static final int SM_SIGNO = 0;
    @Abi(offsetOf = "struct sigmsg.sm_mask")
    static final int SM_MASK = 4;
    @Abi(offsetOf = "struct sigmsg.sm_sighandler")
    static final int SM_SIGHANDLER = 20;
    @Abi(offsetOf = "struct sigmsg.sm_sigreturn")
    static final int SM_SIGRETURN = 24;
    @Abi(offsetOf = "struct sigmsg.sm_stkptr")
    static final int SM_STKPTR = 28;
    @Abi(sizeOf = "struct sigmsg")
    static final int SIGMSG_SIZE = 32;

    // struct sigcontext
    @Abi(offsetOf = "struct sigcontext.sc_gs")
    static final int SC_GS = 0;
    @Abi(offsetOf = "struct sigcontext.sc_fs")
    static final int SC_FS = 4;
    @Abi(offsetOf = "struct sigcontext.sc_es")
    static final int SC_ES = 8;
    @Abi(offsetOf = "struct sigcontext.sc_ds")
    static final int SC_DS = 12;
    @Abi(offsetOf = "struct sigcontext.sc_edi")
    static final int SC_EDI = 16;
    @Abi(offsetOf = "struct sigcontext.sc_esi")
    static final int SC_ESI = 20;
    @Abi(offsetOf = "struct sigcontext.sc_ebp")
    static final int SC_EBP = 24;
    @Abi(offsetOf = "struct sigcontext.sc_ebx")
    static final int SC_EBX = 28;
    @Abi(offsetOf = "struct sigcontext.sc_edx")
    static final int SC_EDX = 32;
    @Abi(offsetOf = "struct sigcontext.sc_ecx")
    static final int SC_ECX = 36;
    @Abi(offsetOf = "struct sigcontext.sc_eax")
    static final int SC_EAX = 40;
    @Abi(offsetOf = "struct sigcontext.sc_eip")
    static final int SC_EIP = 44;
    @Abi(offsetOf = "struct sigcontext.sc_cs")
    static final int SC_CS = 48;
    @Abi(offsetOf = "struct sigcontext.sc_eflags")
    static final int SC_EFLAGS = 52;
    @Abi(offsetOf = "struct sigcontext.sc_esp")
    static final int SC_ESP = 56;
    @Abi(offsetOf = "struct sigcontext.sc_ss")
    static final int SC_SS = 60;
    @Abi(offsetOf = "struct sigcontext.sc_onstack")
    static final int SC_ONSTACK = 64;
    @Abi(offsetOf = "struct sigcontext.sc_trapno")
    static final int SC_TRAPNO = 68;
    @Abi(offsetOf = "struct sigcontext.sc_err")
    static final int SC_ERR = 72;
    @Abi(offsetOf = "struct sigcontext.sc_mask")
    static final int SC_MASK = 76;
    @Abi(offsetOf = "struct sigcontext.sc_magic")
    static final int SC_MAGIC = 92;
    @Abi(sizeOf = "struct sigcontext")
    static final int SIGCONTEXT_SIZE = 96;
    /** Marks a sigcontext the kernel wrote, so SIGRETURN refuses a random pointer. */
    @Abi("SC_MAGIC")
    static final int MAGIC = 0xC0FFEE1;

    // struct sigframe_sigcontext
    @Abi(offsetOf = "struct sigframe_sigcontext.sf_ra")
    static final int SF_RA = 0;
    @Abi(offsetOf = "struct sigframe_sigcontext.sf_signum")
    static final int SF_SIGNUM = 4;
    @Abi(offsetOf = "struct sigframe_sigcontext.sf_code")
    static final int SF_CODE = 8;
    @Abi(offsetOf = "struct sigframe_sigcontext.sf_scp")
    static final int SF_SCP = 12;
    @Abi(offsetOf = "struct sigframe_sigcontext.sf_sc")
    static final int SF_SC = 16;
    @Abi(sizeOf = "struct sigframe_sigcontext")
    static final int FRAME_SIZE = SF_SC + SIGCONTEXT_SIZE;

    private SigFrame() {
    }

    /** Writes {@code c}'s registers as a sigcontext at {@code at} in {@code b}. */
    static void saveRegisters(Context c, byte[] b, int at) {
        int[] regs = {c.gs, c.fs, c.es, c.ds, c.edi, c.esi, c.ebp, c.ebx, c.edx, c.ecx, c.eax, c.eip, c.cs, c.eflags,
            c.esp, c.ss};
        for (int i = 0; i < regs.length; i++) {
            put(b, at + 4 * i, regs[i]);
        }
    }

    /**
     * Loads the general registers, EIP, ESP and the user-changeable EFLAGS bits of a sigcontext at
     * {@code at} into {@code c}. Selectors are not taken: a process runs in flat ring 3 only.
     */
    static void loadRegisters(Context c, byte[] b, int at) {
        c.edi = get(b, at + SC_EDI);
        c.esi = get(b, at + SC_ESI);
        c.ebp = get(b, at + SC_EBP);
        c.ebx = get(b, at + SC_EBX);
        c.edx = get(b, at + SC_EDX);
        c.ecx = get(b, at + SC_ECX);
        c.eax = get(b, at + SC_EAX);
        c.eip = get(b, at + SC_EIP);
        c.esp = get(b, at + SC_ESP);
        c.eflags = Eflags.merge(c.eflags, get(b, at + SC_EFLAGS));
    }

    static int get(byte[] b, int o) {
        return b[o] & 0xFF | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
    }

    static void put(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }
}
