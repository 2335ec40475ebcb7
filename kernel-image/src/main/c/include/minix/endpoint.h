/* Endpoints: a process slot plus a generation (spec 2.2-2.4). */
#ifndef _MINIX_ENDPOINT_H
#define _MINIX_ENDPOINT_H

#include <minix/types.h>

#define _ENDPOINT_GENERATION_SHIFT 15
#define _ENDPOINT_GENERATION_SIZE (1 << _ENDPOINT_GENERATION_SHIFT)
#define _ENDPOINT_MAX_GENERATION (0x7FFFFFFF / _ENDPOINT_GENERATION_SIZE - 1)
#define MAX_NR_TASKS 1023

#define _ENDPOINT(g, p) ((endpoint_t) ((g) * _ENDPOINT_GENERATION_SIZE + (p)))
#define _ENDPOINT_G(e) (((e) + MAX_NR_TASKS) / _ENDPOINT_GENERATION_SIZE)
#define _ENDPOINT_P(e) ((((e) + MAX_NR_TASKS) % _ENDPOINT_GENERATION_SIZE) - MAX_NR_TASKS)

/* Table sizes. */
#define NR_TASKS 5
#define NR_PROCS 256
#define NR_SYS_PROCS 64
#define NR_BOOT_PROCS (NR_TASKS + INIT_PROC_NR + 1)

/* Special endpoints, outside every slot range. */
#define ANY ((endpoint_t) 0x7C00)
#define NONE ((endpoint_t) 0x7BFF)
#define SELF ((endpoint_t) 0x7BFE)
#define ANY_USR (ANY + _ENDPOINT_GENERATION_SIZE)
#define ANY_SYS (ANY + 2 * _ENDPOINT_GENERATION_SIZE)
#define ANY_TSK (ANY + 3 * _ENDPOINT_GENERATION_SIZE)

/* Kernel tasks: sources of kernel-made notifications. */
#define ASYNCM ((endpoint_t) -5)
#define IDLE ((endpoint_t) -4)
#define CLOCK ((endpoint_t) -3)
#define SYSTEM ((endpoint_t) -2)
#define KERNEL ((endpoint_t) -1)
#define HARDWARE KERNEL

/* Boot processes (generation 0): the boot loader gives the first modules these, in order. */
#define PM_PROC_NR ((endpoint_t) 0)
#define VFS_PROC_NR ((endpoint_t) 1)
#define RS_PROC_NR ((endpoint_t) 2)
#define MEM_PROC_NR ((endpoint_t) 3)
#define SCHED_PROC_NR ((endpoint_t) 4)
#define TTY_PROC_NR ((endpoint_t) 5)
#define DS_PROC_NR ((endpoint_t) 6)
#define MIB_PROC_NR ((endpoint_t) 7)
#define VM_PROC_NR ((endpoint_t) 8)
#define PFS_PROC_NR ((endpoint_t) 9)
#define MFS_PROC_NR ((endpoint_t) 10)
#define INIT_PROC_NR ((endpoint_t) 11)

#endif
