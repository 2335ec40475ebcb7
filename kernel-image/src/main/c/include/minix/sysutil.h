/* Utilities of the guest system library. */
#ifndef _MINIX_SYSUTIL_H
#define _MINIX_SYSUTIL_H

#include <minix/ipc.h>

/* Waits for {ticks} clock ticks (an alarm and a receive from CLOCK). */
int tickdelay(clock_t ticks);

/* asynsend (spec 4.8): a 512-entry table in the caller's memory, VALID written last. */
#define ASYN_NR (2 * NR_PROCS)
int asynsend3(endpoint_t dst, message *mp, int flags);
#define asynsend(dst, mp) asynsend3(dst, mp, 0)
int senda_reload(void);
int asyn_geterror(endpoint_t *dst, message *msg, int *err);
/* The table itself and its window, for tests and state transfer. */
extern asynmsg_t _asyn_msgtable[ASYN_NR];
extern int _asyn_first_slot, _asyn_next_slot;

/* Prints "panic: ..." and ends the process with status PANIC_STATUS. */
#define PANIC_STATUS 255
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
