/* The asynsend library tests (spec 4.8, scenarios 33-35): who is who and what they say. */
#ifndef ASYN_PROTO_H
#define ASYN_PROTO_H

#include "check.h"

#define ASYN_SENDER 0
#define ASYN_SINK 1
#define ASYN_FLOOD 2

#define ASYN_DATA 0x7100        /* m1_i1: sequence number */
#define ASYN_RELOAD 0x7101      /* sink to sender: please senda_reload now */
#define ASYN_DONE 0x7102        /* sink to sender: all drained */

#define ASYN_FIRST_BATCH 100    /* what the sink takes before the sender's 513th send */
#define ASYN_TOTAL (ASYN_NR + 1)

#endif
