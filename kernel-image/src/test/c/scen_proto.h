/*
 * The spec-7 scenario programs (scen_*.c). A director (module 0) runs the scenarios; actors
 * (scen_actor, modules 1..4 = endpoints A, B, C, D with static priv ids 6..9) perform one IPC
 * call at a time on its command and report what the call returned. An idle actor waits in
 * recv(DIRECTOR), so it "is not receiving" from anyone else; the director reads the actors'
 * kernel state (blocked or not, pending bits) with SYS_GETINFO, and collects reports with
 * recv(ANY) so that its own waiting never closes a deadlock chain through a blocked actor.
 */
#ifndef SCEN_PROTO_H
#define SCEN_PROTO_H

#include "check.h"

#define DIRECTOR 0
#define ACT_A 1
#define ACT_B 2
#define ACT_C 3
#define ACT_D 4

#define SC_CMD 0x6100           /* director -> actor: do sc_cmd.op */
#define SC_REPORT 0x6101        /* actor -> director: what the call gave (sc_report) */
#define SC_DATA 0x6102          /* what actors send each other; tag in sc_data */
#define SC_UREPORT 0x6103       /* a user process's outcome, by SENDREC: m1_i1 got, m1_i2 want, m1_i3 which */

#define MF_REPLY_PEND 0x1       /* p_misc_flags: in the receive phase of a SENDREC (spec 3.1) */

enum sc_op {
	OP_SEND = 1, OP_RECEIVE, OP_SENDREC, OP_NOTIFY, OP_SENDNB,
	OP_SENDA,               /* _senda(table, count) */
	OP_SET_ENTRY,           /* table[index] = {flags, dst, tag}; no IPC */
	OP_PEEK_ENTRY,          /* report table[index]'s flags and result */
	OP_ALARM,               /* sys_setalarm2(tag ticks); reports the previous alarm's ticks left as tag */
	OP_QUIT
};

struct sc_cmd {
	int op;
	endpoint_t peer;        /* destination or source; SENDA: the count */
	int tag;                /* carried in the outgoing message */
	endpoint_t forge;       /* written into the outgoing m_source, which the kernel must replace */
	int index;              /* asynmsg table entry */
	unsigned flags;         /* asynmsg flags */
};

struct sc_report {
	int op;
	int result;             /* EAX after the trap */
	int status;             /* EBX after the trap: RECEIVE's status word */
	int ebx_kept;           /* 1: EBX came back as it went in (SEND, SENDREC, ...) */
	endpoint_t m_source;    /* of the message now in the buffer */
	int m_type;
	int tag;
	unsigned entry_flags;   /* OP_PEEK_ENTRY */
	int entry_result;
};

struct sc_data {
	int tag;
};

_Static_assert(sizeof(struct sc_cmd) <= 56 && sizeof(struct sc_report) <= 56, "fits in a message");

#define CMD(m) ((struct sc_cmd *) &(m).m_m1)
#define REPORT(m) ((struct sc_report *) &(m).m_m1)
#define DATA(m) ((struct sc_data *) &(m).m_m1)

#endif
