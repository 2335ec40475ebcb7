/* Message types, kernel-call numbers and their sub-operations (spec 2.1, 6.2). */
#ifndef _MINIX_COM_H
#define _MINIX_COM_H

/* m_type ranges. */
#define PM_BASE 0x000
#define VFS_BASE 0x100
#define KERNEL_CALL 0x600
#define RS_RQ_BASE 0x700
#define DS_RQ_BASE 0x800
#define COMMON_RQ_BASE 0xE00
#define SCHEDULING_BASE 0xF00
#define NOTIFY_MESSAGE 0x1000

#define SCHEDULING_NO_QUANTUM (SCHEDULING_BASE + 1)
#define SCHEDULING_START (SCHEDULING_BASE + 2)
#define PM_EXIT (PM_BASE + 1)
#define RS_UPDATE (RS_RQ_BASE + 5)
#define RS_INIT (RS_RQ_BASE + 20)
#define RS_LU_PREPARE (RS_RQ_BASE + 21)

/* Kernel calls: m_type of an INT 0x20 request. */
#define NR_SYS_CALLS 58
#define SYS_FORK (KERNEL_CALL + 0)
#define SYS_EXEC (KERNEL_CALL + 1)
#define SYS_CLEAR (KERNEL_CALL + 2)
#define SYS_SCHEDULE (KERNEL_CALL + 3)
#define SYS_PRIVCTL (KERNEL_CALL + 4)
#define SYS_TRACE (KERNEL_CALL + 5)
#define SYS_KILL (KERNEL_CALL + 6)
#define SYS_GETKSIG (KERNEL_CALL + 7)
#define SYS_ENDKSIG (KERNEL_CALL + 8)
#define SYS_SIGSEND (KERNEL_CALL + 9)
#define SYS_SIGRETURN (KERNEL_CALL + 10)
#define SYS_MEMSET (KERNEL_CALL + 13)
#define SYS_UMAP (KERNEL_CALL + 14)
#define SYS_VIRCOPY (KERNEL_CALL + 15)
#define SYS_PHYSCOPY (KERNEL_CALL + 16)
#define SYS_UMAP_REMOTE (KERNEL_CALL + 17)
#define SYS_VUMAP (KERNEL_CALL + 18)
#define SYS_IRQCTL (KERNEL_CALL + 19)
#define SYS_DEVIO (KERNEL_CALL + 21)
#define SYS_SDEVIO (KERNEL_CALL + 22)
#define SYS_VDEVIO (KERNEL_CALL + 23)
#define SYS_SETALARM (KERNEL_CALL + 24)
#define SYS_TIMES (KERNEL_CALL + 25)
#define SYS_GETINFO (KERNEL_CALL + 26)
#define SYS_ABORT (KERNEL_CALL + 27)
#define SYS_IOPENABLE (KERNEL_CALL + 28)
#define SYS_SAFECOPYFROM (KERNEL_CALL + 31)
#define SYS_SAFECOPYTO (KERNEL_CALL + 32)
#define SYS_VSAFECOPY (KERNEL_CALL + 33)
#define SYS_SETGRANT (KERNEL_CALL + 34)
#define SYS_READBIOS (KERNEL_CALL + 35)
#define SYS_SPROF (KERNEL_CALL + 36)
#define SYS_STIME (KERNEL_CALL + 39)
#define SYS_SETTIME (KERNEL_CALL + 40)
#define SYS_VMCTL (KERNEL_CALL + 43)
#define SYS_DIAGCTL (KERNEL_CALL + 44)
#define SYS_VTIMER (KERNEL_CALL + 45)
#define SYS_RUNCTL (KERNEL_CALL + 46)
#define SYS_GETMCONTEXT (KERNEL_CALL + 50)
#define SYS_SETMCONTEXT (KERNEL_CALL + 51)
#define SYS_UPDATE (KERNEL_CALL + 52)
#define SYS_EXIT (KERNEL_CALL + 53)
#define SYS_SCHEDCTL (KERNEL_CALL + 54)
#define SYS_STATECTL (KERNEL_CALL + 55)
#define SYS_SAFEMEMSET (KERNEL_CALL + 56)
#define SYS_PADCONF (KERNEL_CALL + 57)

/* SYS_PRIVCTL requests. */
#define SYS_PRIV_ALLOW 1
#define SYS_PRIV_DISALLOW 2
#define SYS_PRIV_SET_SYS 3
#define SYS_PRIV_SET_USER 4
#define SYS_PRIV_ADD_IO 5
#define SYS_PRIV_ADD_MEM 6
#define SYS_PRIV_ADD_IRQ 7
#define SYS_PRIV_QUERY_MEM 8
#define SYS_PRIV_UPDATE_SYS 9
#define SYS_PRIV_YIELD 10
#define SYS_PRIV_CLEAR_IPC_REFS 11

/* SYS_TRACE requests: the kernel's part of MINIX's ptrace (T_OK, T_ATTACH, T_EXIT, T_SETOPT are PM's). */
#define T_STOP (-1)             /* stop the process (and end single-stepping) */
#define T_GETINS 2              /* a word of text */
#define T_GETDATA 3             /* a word of data */
#define T_GETUSER 4             /* a word of the saved registers (struct jinx_trace_frame) */
#define T_SETINS 5              /* write a word of text, read-only or not */
#define T_SETDATA 6             /* write a word of data */
#define T_SETUSER 7             /* write a register of the frame (no selectors; user EFLAGS bits) */
#define T_RESUME 8              /* let it run */
#define T_STEP 10               /* run one instruction, then SIGTRAP */
#define T_DETACH 12             /* as T_RESUME, for the kernel */
#define T_READB_INS 100         /* a byte of text */
#define T_WRITEB_INS 101        /* write a byte of text */

/* SYS_IRQCTL requests and policy. */
#define IRQ_SETPOLICY 1
#define IRQ_RMPOLICY 2
#define IRQ_ENABLE 3
#define IRQ_DISABLE 4
#define IRQ_REENABLE 0x001

/* SYS_DEVIO and SYS_VDEVIO: direction | size. */
#define _DIO_INPUT 0x001
#define _DIO_OUTPUT 0x002
#define _DIO_DIRMASK 0x00f
#define _DIO_BYTE 0x010
#define _DIO_LONG 0x020
#define _DIO_WORD 0x030
#define _DIO_TYPEMASK 0x0f0
#define _DIO_SAFE 0x100
#define _DIO_SAFEMASK 0xf00
#define DIO_INPUT_BYTE (_DIO_INPUT | _DIO_BYTE)
#define DIO_INPUT_WORD (_DIO_INPUT | _DIO_WORD)
#define DIO_INPUT_LONG (_DIO_INPUT | _DIO_LONG)
#define DIO_OUTPUT_BYTE (_DIO_OUTPUT | _DIO_BYTE)
#define DIO_OUTPUT_WORD (_DIO_OUTPUT | _DIO_WORD)
#define DIO_OUTPUT_LONG (_DIO_OUTPUT | _DIO_LONG)
#define DIO_SAFE_INPUT_BYTE (DIO_INPUT_BYTE | _DIO_SAFE)
#define DIO_SAFE_INPUT_WORD (DIO_INPUT_WORD | _DIO_SAFE)
#define DIO_SAFE_INPUT_LONG (DIO_INPUT_LONG | _DIO_SAFE)
#define DIO_SAFE_OUTPUT_BYTE (DIO_OUTPUT_BYTE | _DIO_SAFE)
#define DIO_SAFE_OUTPUT_WORD (DIO_OUTPUT_WORD | _DIO_SAFE)
#define DIO_SAFE_OUTPUT_LONG (DIO_OUTPUT_LONG | _DIO_SAFE)
#define VDEVIO_BUF_SIZE 64

/* SYS_VIRCOPY, SYS_PHYSCOPY flags. */
#define CP_FLAG_TRY 0x01        /* MINIX: do not ask VM for missing pages (Jinx never does) */

/* SYS_SAFEMEMSET: MINIX keeps these in the generic m2 layout. */
#define SMS_DST m2_i1           /* the granter */
#define SMS_PATTERN m2_i2       /* the byte written (low 8 bits) */
#define SMS_GID m2_i3           /* grant id */
#define SMS_OFFSET m2_l1        /* offset within the grant */
#define SMS_BYTES m2_l2         /* bytes from there */

/* SYS_VTIMER: MINIX keeps these in the m2 layout too. */
#define VT_WHICH m2_i1          /* which timer */
#define VT_VIRTUAL 1            /* ITIMER_VIRTUAL: user ticks; SIGVTALRM */
#define VT_PROF 2               /* ITIMER_PROF: user and system ticks; SIGPROF */
#define VT_SET m2_i2            /* 1: set, 0: only read */
#define VT_VALUE m2_l1          /* the new value in ticks; the reply's old value */
#define VT_ENDPT m2_l2          /* whose timer */

/* SYS_GETINFO requests. */
#define GET_KINFO 0
#define GET_IMAGE 1
#define GET_PROCTAB 2
#define GET_PRIVTAB 8
#define GET_PROC 11
#define GET_MACHINE 12
#define GET_PRIV 17
#define GET_HZ 18
#define GET_WHOAMI 19

/* SYS_SETTIME: the one clock that can be set. */
#define CLOCK_REALTIME 0

/* SYS_SPROF. */
#define PROF_START 0            /* start statistical profiling */
#define PROF_STOP 1             /* stop it and copy out the results */
#define PROF_RTC 0              /* sample on clock interrupts (Jinx: at HZ) */
#define PROF_NMI 1              /* an NMI watchdog (not in Jinx) */
#define SAMPLE_BUFFER_SIZE (1 << 20)

/* SYS_ABORT. */
#define RBT_HALT 0
#define RBT_REBOOT 1
#define RBT_PANIC 2
#define RBT_POWEROFF 4
#define RBT_RESET 5

/* SYS_VMCTL: MINIX's sub-operations kept, and Jinx's own from 64 (there is no VM server). */
#define VMCTL_GET_PDBR 20
#define VMCTL_FLUSHTLB 26
#define VMCTL_VMINHIBIT_SET 30
#define VMCTL_VMINHIBIT_CLEAR 31
#define VMCTL_BOOTINHIBIT_CLEAR 33
#define VMCTL_JINX_MAP 64
#define VMCTL_JINX_UNMAP 65
#define VMCTL_JINX_PROTECT 66
#define VMCTL_JINX_NEWSPACE 67
#define VMCTL_JINX_WRITABLE 0x1

/* SYS_DIAGCTL. */
#define DIAGCTL_CODE_DIAG 1
#define DIAGCTL_CODE_STACKTRACE 2
#define DIAG_BUFSIZE 2048

/* SYS_RUNCTL. */
#define RC_STOP 0
#define RC_RESUME 1
#define RC_DELAY 1

/* SYS_SCHEDCTL. */
#define SCHEDCTL_FLAG_KERNEL 1
#define NR_SCHED_QUEUES 16

/* SYS_UPDATE. */
#define SYS_UPD_ROLLBACK 0x1

/* SYS_STATECTL requests. */
#define SYS_STATE_CLEAR_IPC_REFS 1
#define SYS_STATE_SET_STATE_TABLE 2
#define SYS_STATE_ADD_IPC_BL_FILTER 3
#define SYS_STATE_ADD_IPC_WL_FILTER 4
#define SYS_STATE_CLEAR_IPC_FILTERS 5

/* SYS_FORK flags. */
#define PFF_VMINHIBIT 0x02

/* Longest process name the kernel keeps. */
#define PROC_NAME_LEN 16

#endif
