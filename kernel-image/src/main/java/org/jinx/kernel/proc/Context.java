package org.jinx.kernel.proc;

/**
 * A process's saved registers: what the trap binding copies out of the CPU when the process
 * enters the kernel and back in when it resumes (spec 1.6). The IPC ABI reads ECX, EAX and EBX
 * from here and writes results into EAX and EBX. Segments are ring-3 flat; only the selectors
 * are kept.
 */
public final class Context {
    /** Ring-3 selectors of the hosted GDT layout: code at index 3, data at index 4, RPL 3. */
    public static final int USER_CS = 0x1B;
    public static final int USER_DS = 0x23;
    /** IF set, IOPL 0, reserved bit 1 set. */
    public static final int USER_EFLAGS = 0x202;

    public int eax, ebx, ecx, edx, esi, edi, ebp, esp;
    public int eip;
    public int eflags = USER_EFLAGS;
    public int cs = USER_CS;
    public int ss = USER_DS;
    public int ds = USER_DS;
    public int es = USER_DS;
    public int fs = USER_DS;
    public int gs = USER_DS;
    /** Physical address of the page directory: the process's address space. */
    public int cr3;

    public void copyFrom(Context o) {
        eax = o.eax;
        ebx = o.ebx;
        ecx = o.ecx;
        edx = o.edx;
        esi = o.esi;
        edi = o.edi;
        ebp = o.ebp;
        esp = o.esp;
        eip = o.eip;
        eflags = o.eflags;
        cs = o.cs;
        ss = o.ss;
        ds = o.ds;
        es = o.es;
        fs = o.fs;
        gs = o.gs;
        cr3 = o.cr3;
    }

    @Override
    public String toString() {
        return String.format("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x ebp=%08x esp=%08x"
                + " eip=%08x efl=%08x cr3=%08x", eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags, cr3);
    }
}
