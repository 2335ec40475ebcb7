/* IPC trap numbers (ECX of INT 0x21) and the status word (spec 1.2). */
#ifndef _MINIX_IPCCONST_H
#define _MINIX_IPCCONST_H

#define SEND 1
#define RECEIVE 2
#define SENDREC 3
#define NOTIFY 4
#define SENDNB 5
#define MINIX_KERNINFO 6
#define SENDA 16

#define IPCVEC_INTR 33          /* INT 0x21 */
#define KERVEC_INTR 32          /* INT 0x20 */

/* Status word in EBX after RECEIVE: the call in bits 0-5, flags from bit 16. */
#define IPC_STATUS_CALL_MASK 0x3F
#define IPC_STATUS_CALL(st) ((st) & IPC_STATUS_CALL_MASK)
#define IPC_FLG_MSG_FROM_KERNEL (1 << 16)
#define is_ipc_notify(st) (IPC_STATUS_CALL(st) == NOTIFY)
#define is_ipc_asynch(st) (IPC_STATUS_CALL(st) == NOTIFY || IPC_STATUS_CALL(st) == SENDA)

/* SENDA accepts at most 16 entries per process-table slot. */
#define MAX_SENDA_ENTRIES (16 * (NR_TASKS + NR_PROCS))

#endif
