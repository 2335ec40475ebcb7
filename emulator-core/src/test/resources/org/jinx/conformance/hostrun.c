/*
 * Native side of the host differential tester (org.jinx.conformance.HostDiff).
 *
 * Reads test cases from stdin, runs each one on this processor and writes one result per case
 * to stdout. A case is: the seed of the buffer's contents, EAX ECX EDX EBX ESP EBP ESI EDI,
 * EFLAGS and the instruction bytes. The bytes run at CODE; the data buffer is mapped at BUF and
 * is also the base of a data segment that ES and FS hold while a case runs (so 16-bit
 * addressing reaches the buffer). A result is: the signal (0 if the sequence ran to its end),
 * the trap number and error code the kernel reported, CR2, the registers, EIP and EFLAGS at the
 * end or at the fault, and every buffer byte whose value changed.
 *
 * Built with gcc -m32 -nostdlib -static: no C library, only int $0x80 system calls.
 */
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define BUF 0x00200000u
#define BUF_SIZE 0x2000u
#define CODE 0x00300000u
#define CODE_SIZE 0x1000u
#define MAX_CODE (CODE_SIZE - 16)

#define SYS_EXIT 1
#define SYS_READ 3
#define SYS_WRITE 4
#define SYS_ALARM 27
#define SYS_RT_SIGACTION 174
#define SYS_SIGALTSTACK 186
#define SYS_MMAP2 192
#define SYS_SET_THREAD_AREA 243

int syscall6(int nr, int a, int b, int c, int d, int e);
void run_case(void);
void seq_done(void);
void fault_resume(void);
void sig_restorer(void);

/* Shared with hostrun.S. */
u32 tc_in[9];      /* EAX ECX EDX EBX ESP EBP ESI EDI EFLAGS */
u32 tc_out[9];
u32 host_esp;
u16 host_es, host_fs, buf_selector;
u32 code_entry = CODE;
/* Set while a sequence runs: a fault then belongs to the test, wherever EIP is (a branch may leave the code page). */
volatile u32 in_test;

static volatile u32 fault_signo, fault_trapno, fault_err, fault_cr2, fault_eip, fault_eflags;
static u8 initial[BUF_SIZE] __attribute__((aligned(4)));
static u8 altstack[16384] __attribute__((aligned(16)));

/* gcc may emit calls to these even in freestanding code. */
void *memcpy(void *d, const void *s, u32 n) {
    u8 *dp = d;
    const u8 *sp = s;
    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

void *memset(void *d, int c, u32 n) {
    u8 *dp = d;
    while (n--) {
        *dp++ = (u8) c;
    }
    return d;
}

__attribute__((noreturn)) static void fail(const char *msg) {
    u32 n = 0;
    while (msg[n]) {
        n++;
    }
    syscall6(SYS_WRITE, 2, (int) msg, (int) n, 0, 0);
    syscall6(SYS_EXIT, 2, 0, 0, 0, 0);
    __builtin_unreachable();
}

/* ---------------------------------------------------------------- buffered I/O */

static u8 inbuf[65536];
static u32 inpos, inlen;
static u8 outbuf[65536];
static u32 outlen;

static int in_byte(void) {
    if (inpos == inlen) {
        int n = syscall6(SYS_READ, 0, (int) inbuf, sizeof inbuf, 0, 0);
        if (n <= 0) {
            return -1;
        }
        inpos = 0;
        inlen = (u32) n;
    }
    return inbuf[inpos++];
}

/* Reads a little-endian word; returns 0 at a clean end of input. */
static int in_u32(u32 *v) {
    u32 x = 0;
    for (int i = 0; i < 4; i++) {
        int b = in_byte();
        if (b < 0) {
            if (i == 0) {
                return 0;
            }
            fail("hostrun: truncated input\n");
        }
        x |= (u32) b << (8 * i);
    }
    *v = x;
    return 1;
}

static void flush_out(void) {
    u32 done = 0;
    while (done < outlen) {
        int n = syscall6(SYS_WRITE, 1, (int) (outbuf + done), (int) (outlen - done), 0, 0);
        if (n <= 0) {
            fail("hostrun: write failed\n");
        }
        done += (u32) n;
    }
    outlen = 0;
}

static void out_u32(u32 v) {
    if (outlen + 4 > sizeof outbuf) {
        flush_out();
    }
    for (int i = 0; i < 4; i++) {
        outbuf[outlen++] = (u8) (v >> (8 * i));
    }
}

/* ---------------------------------------------------------------- signals */

/* The i386 signal context (struct sigcontext of the kernel's ABI), in words. */
enum { SC_EDI = 4, SC_ESI, SC_EBP, SC_ESP, SC_EBX, SC_EDX, SC_ECX, SC_EAX, SC_TRAPNO, SC_ERR, SC_EIP,
       SC_CS, SC_EFLAGS, SC_ESP_AT_SIGNAL, SC_SS, SC_FPSTATE, SC_OLDMASK, SC_CR2 };
/* ucontext: uc_flags, uc_link, uc_stack (3 words), then the signal context. */
#define UC_MCONTEXT 5

static void on_signal(int sig, void *info, void *ucv) {
    u32 *sc = (u32 *) ucv + UC_MCONTEXT;
    (void) info;
    if (!in_test) {
        fail("hostrun: fault outside the test sequence\n");
    }
    fault_signo = (u32) sig;
    fault_trapno = sc[SC_TRAPNO];
    fault_err = sc[SC_ERR];
    fault_cr2 = sc[SC_CR2];
    static const int order[8] = {SC_EAX, SC_ECX, SC_EDX, SC_EBX, SC_ESP, SC_EBP, SC_ESI, SC_EDI};
    for (int i = 0; i < 8; i++) {
        tc_out[i] = sc[order[i]];
    }
    tc_out[8] = sc[SC_EFLAGS];
    fault_eip = sc[SC_EIP];
    /* Return to the harness instead of the faulting instruction. */
    sc[SC_EIP] = (u32) fault_resume;
    sc[SC_EFLAGS] &= ~0x40500u; /* DF, TF, AC */
}

struct kernel_sigaction {
    void *handler;
    u32 flags;
    void *restorer;
    u32 mask[2];
};

#define SA_SIGINFO 0x4u
#define SA_ONSTACK 0x08000000u
#define SA_RESTORER 0x04000000u

static void catch(int sig) {
    struct kernel_sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.handler = (void *) on_signal;
    sa.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER;
    sa.restorer = (void *) sig_restorer;
    if (syscall6(SYS_RT_SIGACTION, sig, (int) &sa, 0, 8, 0) != 0) {
        fail("hostrun: rt_sigaction failed\n");
    }
}

/* ---------------------------------------------------------------- setup */

/* struct user_desc of set_thread_area(2). */
struct user_desc {
    u32 entry_number;
    u32 base_addr;
    u32 limit;
    u32 flags; /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 seg_not_present:1 useable:1 */
};

static void setup(void) {
    int a = syscall6(SYS_MMAP2, (int) BUF, BUF_SIZE, 3 /* RW */, 0x32 /* PRIVATE|ANON|FIXED */, -1);
    int c = syscall6(SYS_MMAP2, (int) CODE, CODE_SIZE, 7 /* RWX */, 0x32, -1);
    if ((u32) a != BUF || (u32) c != CODE) {
        fail("hostrun: cannot map the buffer or the code page\n");
    }
    /* A 32-bit expand-up data segment, base BUF, byte-granular limit 0xFFFF. */
    struct user_desc d = {(u32) -1, BUF, 0xFFFF, 1u | 1u << 6};
    if (syscall6(SYS_SET_THREAD_AREA, (int) &d, 0, 0, 0, 0) != 0) {
        fail("hostrun: set_thread_area failed\n");
    }
    buf_selector = (u16) (d.entry_number * 8 + 3);
    if (buf_selector != 0x63) {
        fail("hostrun: the buffer segment is not GDT entry 12 (selector 63h), which Jinx mirrors\n");
    }
    __asm__ volatile("movw %%es, %0; movw %%fs, %1" : "=m"(host_es), "=m"(host_fs));
    u32 ss[3] = {(u32) altstack, 0, sizeof altstack};
    if (syscall6(SYS_SIGALTSTACK, (int) ss, 0, 0, 0, 0) != 0) {
        fail("hostrun: sigaltstack failed\n");
    }
    catch(4);  /* SIGILL */
    catch(5);  /* SIGTRAP */
    catch(7);  /* SIGBUS */
    catch(8);  /* SIGFPE */
    catch(11); /* SIGSEGV */
}

/* The buffer's initial contents: xorshift32 words, one in 16 zero and one in 16 all ones. */
static void fill(u32 seed) {
    u32 x = seed ^ 0x9E3779B9u;
    u32 *init = (u32 *) initial;
    u32 *buf = (u32 *) BUF;
    if (x == 0) {
        x = 1;
    }
    for (u32 i = 0; i < BUF_SIZE / 4; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        u32 w = x >> 28 == 0 ? 0 : x >> 28 == 1 ? 0xFFFFFFFFu : x;
        init[i] = w;
        buf[i] = w;
    }
}

/* Writes the count of changed bytes, then each as offset << 8 | value. Compares words first. */
static void out_changes(void) {
    const u32 *now = (const u32 *) BUF;
    const u32 *was = (const u32 *) initial;
    u32 changed = 0;
    for (u32 i = 0; i < BUF_SIZE / 4; i++) {
        u32 d = now[i] ^ was[i];
        if (d) {
            changed += ((d & 0xFF) != 0) + ((d & 0xFF00) != 0) + ((d & 0xFF0000) != 0) + ((d >> 24) != 0);
        }
    }
    out_u32(changed);
    for (u32 i = 0; i < BUF_SIZE / 4; i++) {
        u32 d = now[i] ^ was[i];
        for (u32 k = 0; d && k < 4; k++) {
            if ((d >> (8 * k)) & 0xFF) {
                out_u32((4 * i + k) << 8 | (now[i] >> (8 * k) & 0xFF));
            }
        }
    }
}

int hostrun_main(void) {
    setup();
    syscall6(SYS_ALARM, 120, 0, 0, 0, 0);
    u32 seed;
    while (in_u32(&seed)) {
        for (int i = 0; i < 9; i++) {
            if (!in_u32(&tc_in[i])) {
                fail("hostrun: truncated case\n");
            }
        }
        u32 len = 0;
        if (!in_u32(&len) || len > MAX_CODE) {
            fail("hostrun: bad code length\n");
        }
        u8 *code = (u8 *) CODE;
        for (u32 i = 0; i < (len + 3) / 4 * 4; i++) {
            int b = in_byte();
            if (b < 0) {
                fail("hostrun: truncated code\n");
            }
            if (i < len) {
                code[i] = (u8) b;
            }
        }
        /* JMP rel32 to seq_done. */
        u32 end = CODE + len;
        code[len] = 0xE9;
        u32 rel = (u32) seq_done - (end + 5);
        memcpy(code + len + 1, &rel, 4);
        fill(seed);
        fault_signo = 0;
        fault_trapno = fault_err = fault_cr2 = 0;
        run_case();
        out_u32(fault_signo);
        out_u32(fault_trapno);
        out_u32(fault_err);
        out_u32(fault_cr2);
        for (int i = 0; i < 8; i++) {
            out_u32(tc_out[i]);
        }
        out_u32(fault_signo ? fault_eip : end);
        out_u32(tc_out[8]);
        out_changes();
        /* Flushed per case, so a crash loses nothing and points at the case that caused it. */
        flush_out();
    }
    flush_out();
    return 0;
}
