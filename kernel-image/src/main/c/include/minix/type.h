/* Structures the kernel reads from or writes to a process's memory. */
#ifndef _MINIX_TYPE_H
#define _MINIX_TYPE_H

#include <minix/endpoint.h>
#include <minix/types.h>

/* SYS_PRIVCTL SET_SYS with an argument: the privileges to give. */
struct sys_priv_init {
	int s_id;                       /* a boot process's static priv id, or -1 for a dynamic one */
	int s_flags;                    /* PREEMPTIBLE, CHECK_IO_PORT, ... (SYS_PROC is implied) */
	int s_trap_mask;                /* bit n: IPC call n allowed */
	bitchunk_t s_ipc_to[2];         /* bit i: may send to priv id i (granted both ways) */
	bitchunk_t s_k_call_mask[2];    /* bit n: kernel call 0x600 + n allowed */
	endpoint_t s_sig_mgr;           /* signal manager, SELF for one's own */
	endpoint_t s_bak_sig_mgr;       /* who takes over lethal signals, or NONE */
};

/* SYS_SIGSEND: what the signal manager tells the kernel to set up. */
struct sigmsg {
	int sm_signo;                   /* the signal being caught */
	sigset_t sm_mask;               /* the mask to restore when the handler returns */
	vir_bytes sm_sighandler;        /* the handler */
	vir_bytes sm_sigreturn;         /* the trampoline the handler returns to */
	vir_bytes sm_stkptr;            /* where the frame goes below; 0: the process's stack pointer */
};

/*
 * A machine context (NetBSD's i386 mcontext_t with MINIX's flags). The kernel's part is only the
 * FPU state (SYS_GETMCONTEXT/SYS_SETMCONTEXT); the C library fills __gregs itself.
 */
#define _NGREG 19
typedef int __greg_t;
typedef __greg_t __gregset_t[_NGREG];
typedef struct {
	union {
		char __fp_xmm[512];     /* FXSAVE image */
		int __fp_fpregs[128];
	} __fp_reg_set;
	int __fp_wregs[33];
} __fpregset_t;
typedef struct {
	__gregset_t __gregs;
	__fpregset_t __fpregs;
	__greg_t _mc_tlsbase;
	int mc_flags;                   /* _MC_FPU_SAVED */
	int mc_magic;
} mcontext_t;
#define _MC_FPU_SAVED 0x001

/* SYS_VUMAP: one virtual range (an address for SELF, else a grant) and one physical range. */
struct vumap_vir {
	union {
		cp_grant_id_t u_grant;
		vir_bytes u_addr;
	} vv_u;
	size_t vv_size;
};
#define vv_grant vv_u.u_grant
#define vv_addr vv_u.u_addr

struct vumap_phys {
	phys_bytes vp_addr;
	size_t vp_size;
};
#define MAPVEC_NR 64
#define VUA_READ 0x01           /* the device will read the memory */
#define VUA_WRITE 0x02          /* the device will write it */

/* SYS_TRACE T_GETUSER/T_SETUSER: offsets into a process's saved registers (spec 1.6 order). */
struct jinx_trace_frame {
	uint16_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, ebx, edx, ecx, eax;
	uint32_t eip, cs, eflags, esp, ss;
};

/* SYS_SPROF results: the counts, then records (a process's sprof_proc before its first sample). */
struct sprof_info_s {
	int mem_used;                   /* bytes of records */
	int total_samples;
	int idle_samples;
	int system_samples;
	int user_samples;
};
struct sprof_sample {
	endpoint_t proc;
	void *pc;
};
struct sprof_proc {
	endpoint_t proc;
	char name[16];                  /* PROC_NAME_LEN */
};

/* SYS_PRIVCTL ADD_IO and ADD_MEM. */
struct io_range {
	unsigned ior_base;              /* first port */
	unsigned ior_limit;             /* last port */
};

struct minix_mem_range {
	phys_bytes mr_base;
	phys_bytes mr_limit;
};

/* SYS_VDEVIO vector elements. */
typedef struct { uint16_t port; uint8_t value; } pvb_pair_t;
typedef struct { uint16_t port; uint16_t value; } pvw_pair_t;
typedef struct { uint16_t port; uint32_t value; } pvl_pair_t;

/* SYS_STATECTL ADD_IPC_*_FILTER elements. */
typedef struct {
	int flags;                      /* IPCF_MATCH_M_SOURCE | IPCF_MATCH_M_TYPE */
	endpoint_t m_source;            /* may be ANY_USR, ANY_SYS, ANY_TSK */
	int m_type;
} ipc_filter_el_t;

/* SYS_GETINFO GET_KINFO. */
struct kinfo {
	int nr_procs;
	int nr_tasks;
	int nr_sys_procs;
	int hz;
	int free_pages;
	int nr_boot_procs;
	char release[16];
};

/* SYS_GETINFO GET_PROC: one process as the kernel sees it. */
struct jinx_procinfo {
	endpoint_t endpt;
	int priv_id;                    /* -1: none */
	int rts_flags;                  /* RTS_*: it runs only when this is 0 */
	int misc_flags;
	int priority;                   /* scheduling queue, 0 highest */
	int quantum;                    /* ticks */
	endpoint_t sendto;              /* valid while RTS_SENDING */
	endpoint_t getfrom;             /* valid while RTS_RECEIVING */
	uint32_t user_ticks;
	uint32_t sys_ticks;
	char name[16];
};

/* SYS_GETINFO GET_PRIV: a process's privileges and pending bitmaps. */
struct jinx_privinfo {
	int s_id;                       /* -1: none */
	int s_flags;
	int s_trap_mask;
	endpoint_t s_sig_mgr;
	bitchunk_t s_ipc_to[2];
	bitchunk_t s_k_call_mask[2];
	bitchunk_t s_notify_pending[2];
	bitchunk_t s_asyn_pending[2];
	uint32_t s_int_pending;
	int s_asynsize;
	int s_grant_entries;
};

/*
 * The kernel-info page (MINIX's minix_kerninfo, with Jinx's own layout): one read-only page the
 * kernel maps at KERNINFO_ADDR in every address space and rewrites at every clock tick.
 * INT 0x21 with ECX = MINIX_KERNINFO returns its address in EBX. A write to it faults.
 */
#define KERNINFO_ADDR 0xBFFE0000        /* 64 KiB below the stack */
#define KERNINFO_MAGIC 0x4A4B4931       /* "1IKJ" in memory */
#define KERNINFO_F_NO_IPCVECS 0x1       /* no user-mapped IPC stubs: use INT 0x21 and INT 0x20 */

/* The machine as user space may know it (MINIX's struct machine, reduced). */
struct jinx_machine {
	int processor;                  /* 386 */
	int fpu;                        /* 0: no coprocessor */
	uint32_t cpu_hz;                /* emulated clock rate */
	uint32_t ram_bytes;
};

/* One boot image slot: its fixed endpoint (spec 2.4) and the name of what runs there. */
struct jinx_bootproc {
	endpoint_t endpt;
	char name[16];
};

struct jinx_kerninfo {
	uint32_t magic;                 /* KERNINFO_MAGIC */
	uint32_t size;                  /* sizeof(struct jinx_kerninfo) */
	uint32_t flags;                 /* KERNINFO_F_* */
	uint32_t hz;                    /* clock ticks per second, as GET_HZ */
	time_t boot_time;               /* seconds since the epoch at boot, as SYS_TIMES */
	clock_t uptime;                 /* ticks since boot, current as of the last tick */
	uint32_t nr_live_procs;         /* slots in use, kernel tasks excluded, as of the last tick */
	struct kinfo kinfo;             /* GET_KINFO's record, as of the last tick */
	struct jinx_machine machine;
	struct jinx_bootproc image[NR_BOOT_PROCS]; /* ASYNCM (-5) .. INIT (11), in slot order */
};

#endif
