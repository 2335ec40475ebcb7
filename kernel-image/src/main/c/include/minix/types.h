/* Basic types of the Jinx guest ABI (i386, ILP32). */
#ifndef _MINIX_TYPES_H
#define _MINIX_TYPES_H

#include <stdint.h>
#include <stddef.h>

typedef int endpoint_t;          /* process slot plus generation */
typedef int32_t cp_grant_id_t;   /* memory grant id: index | sequence << GRANT_SHIFT */
typedef uint32_t vir_bytes;      /* a virtual address or length */
typedef uint32_t phys_bytes;     /* a physical address or length */
typedef uint32_t clock_t;        /* clock ticks */
typedef int64_t time_t;          /* seconds since the epoch */
typedef int clockid_t;           /* CLOCK_REALTIME, ... */
typedef uint32_t bitchunk_t;     /* one word of a kernel bitmap */

/* Signal set of 128 signals in two 64-bit words; signal n is bit n-1 (NetBSD order). */
typedef struct {
	uint32_t __bits[4];
} sigset_t;

#endif
