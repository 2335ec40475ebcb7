/*
 * rs_lite, an RS-like server (spec 5.4), and the SEF service it updates (sef_svc, scenarios 45-48
 * of spec 7). Boot slots: sef_svc in 0, sef_peer in 1, rs_lite in 2 (RS_PROC_NR, the endpoint the
 * SEF library talks to), sef_restarted in 3. The service drives the test: each phase starts with an RSL_UPDATE
 * request to RS by SENDREC, which RS answers at once (RSL_STARTED) and then runs the update;
 * RS ends every update it started with RSL_PHASE_END, carrying how the update ended.
 */
#ifndef RS_LITE_PROTO_H
#define RS_LITE_PROTO_H

#include <minix/sef.h>
#include "check.h"

#define SVC 0
#define PEER 1
#define RESTARTED 3     /* sef_restarted: initialized as a restart */

#define RSL_UPDATE 0x9101       /* svc -> rs (SENDREC): m1_i1 state, m1_i2 prepare_maxtime (ticks), m1_i3 RSL_* */
#define RSL_STARTED 0x9102      /* rs -> svc: the answer to RSL_UPDATE */
#define RSL_PHASE_END 0x9103    /* rs -> svc (asynsend): m1_i1 = how the update ended (OK, EINTR, EBUSY) */
#define RSL_QUIT 0x9104         /* svc -> rs, svc -> peer */
#define PEER_ASYNC 0x9201       /* peer -> svc by asynsend */
#define PEER_SEND 0x9202        /* peer -> svc by SEND */
#define SELF_PING 0x9203        /* svc -> svc by asynsend */

/* RSL_UPDATE flags: the knobs that make each scenario happen. */
#define RSL_WITHOUT_NOREPLY 0x1 /* send the prepare without AMF_NOREPLY, and nothing else (45's contrast) */
#define RSL_HOLD 0x2            /* on the service's "ready", wait for prepare_maxtime instead of swapping */
#define RSL_FILTER 0x4          /* grant a whitelist of RS and CLOCK as the prepare's state data */
#define RSL_TWICE 0x8           /* send the prepare twice */

#define SEF_LU_STATE_TEST (SEF_LU_STATE_CUSTOM_BASE + 0)   /* ready when the service says so */

#endif
