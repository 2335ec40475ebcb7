/* Privilege flags (s_flags) and other kernel constants a system process may see. */
#ifndef _MINIX_CONST_H
#define _MINIX_CONST_H

#define PREEMPTIBLE 0x002
#define BILLABLE 0x004
#define DYN_PRIV_ID 0x008
#define SYS_PROC 0x010
#define CHECK_IO_PORT 0x020
#define CHECK_IRQ 0x040
#define CHECK_MEM 0x080
#define ROOT_SYS_PROC 0x100
#define VM_SYS_PROC 0x200
#define LU_SYS_PROC 0x400
#define RST_SYS_PROC 0x800

/* Segments of SYS_UMAP_REMOTE (only virtual memory exists; VM_GRANT names a grant). */
#define SEGMENT_TYPE 0xFF00
#define SEGMENT_INDEX 0x00FF
#define LOCAL_VM_SEG 0x1000
#define MEM_GRANT 3
#define VIR_ADDR 1
#define VM_D (LOCAL_VM_SEG | VIR_ADDR)
#define VM_GRANT (LOCAL_VM_SEG | MEM_GRANT)

/* SYS_READBIOS: the two physical areas it reads. */
#define BIOS_MEM_BEGIN 0x00000  /* real-mode interrupt vectors and the BIOS data area */
#define BIOS_MEM_END 0x004FF
#define BASE_MEM_TOP 0x9FC00    /* extended BIOS data area, video memory, ROMs */
#define UPPER_MEM_END 0xFFFFF

#define USER_PRIV_ID (NR_TASKS + INIT_PROC_NR)
#define DEFAULT_HZ 60
#define NR_IRQ_HOOKS 16

/* IPC filters (SYS_STATECTL). */
#define IPCF_MATCH_M_SOURCE 0x1
#define IPCF_MATCH_M_TYPE 0x2
#define IPCF_EL_BLACKLIST 0x4
#define IPCF_EL_WHITELIST 0x8
#define IPCF_MAX_ELEMENTS (2 * NR_SYS_PROCS)
#define IPCF_POOL_SIZE (2 * NR_SYS_PROCS)

/* RTS flags as SYS_GETINFO GET_PROC reports them: a process runs only when none is set. */
#define RTS_SLOT_FREE 0x01
#define RTS_PROC_STOP 0x02
#define RTS_SENDING 0x04
#define RTS_RECEIVING 0x08
#define RTS_SIGNALED 0x10
#define RTS_SIG_PENDING 0x20
#define RTS_P_STOP 0x40
#define RTS_NO_PRIV 0x80
#define RTS_NO_ENDPOINT 0x100
#define RTS_VMINHIBIT 0x200
#define RTS_PAGEFAULT 0x400
#define RTS_VMREQUEST 0x800
#define RTS_VMREQTARGET 0x1000
#define RTS_PREEMPTED 0x4000
#define RTS_NO_QUANTUM 0x8000
#define RTS_BOOTINHIBIT 0x10000

#endif
