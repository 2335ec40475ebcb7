/*
 * Messages (spec 2.1): 64 bytes, m_source and m_type then a 56-byte payload union. Every
 * payload layout is checked to be exactly 56 bytes. The kernel-call layouts are named after the
 * call as MINIX names them (m_lsys_krn_* requests, m_krn_lsys_* replies); the kernel's Java
 * classes read the same offsets, and a test compiles assertions of both against each other.
 */
#ifndef _MINIX_IPC_H
#define _MINIX_IPC_H

#include <minix/types.h>
#include <minix/endpoint.h>
#include <minix/ipcconst.h>

#define _ASSERT_MSG_SIZE(t) _Static_assert(sizeof(t) == 56, #t " is not 56 bytes")

typedef struct {
	uint64_t m1ull1;
	int m1i1, m1i2, m1i3;
	char *m1p1, *m1p2, *m1p3, *m1p4;
	uint8_t padding[20];
} mess_1;
_ASSERT_MSG_SIZE(mess_1);

typedef struct {
	int64_t m2ll1;
	int m2i1, m2i2, m2i3;
	long m2l1, m2l2;
	char *m2p1;
	sigset_t sigset;
	short m2s1;
	uint8_t padding[6];
} mess_2;
_ASSERT_MSG_SIZE(mess_2);

/* What the kernel builds for NOTIFY_MESSAGE: only the fields of the source's kind are set. */
typedef struct {
	uint64_t timestamp;     /* clock ticks since boot */
	uint64_t interrupts;    /* from HARDWARE: the accumulated notify-id bits */
	sigset_t sigset;        /* from SYSTEM: the pending system signals */
	uint8_t padding[24];
} mess_notify;
_ASSERT_MSG_SIZE(mess_notify);

typedef struct { endpoint_t endpt; endpoint_t slot; uint32_t flags; uint8_t padding[44]; } mess_lsys_krn_sys_fork;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_fork);
typedef struct { endpoint_t endpt; uint8_t padding[52]; } mess_krn_lsys_sys_fork;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_fork);

typedef struct {
	endpoint_t endpt; vir_bytes stack; char *name; vir_bytes ip; vir_bytes ps_str; uint8_t padding[36];
} mess_lsys_krn_sys_exec;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_exec);

typedef struct { endpoint_t endpt; uint8_t padding[52]; } mess_lsys_krn_sys_clear;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_clear);

typedef struct {
	endpoint_t endpoint; int quantum; int priority; int cpu; int niced; uint8_t padding[36];
} mess_lsys_krn_schedule;
_ASSERT_MSG_SIZE(mess_lsys_krn_schedule);

typedef struct {
	uint32_t flags; endpoint_t endpoint; int quantum; int priority; int cpu; uint8_t padding[36];
} mess_lsys_krn_schedctl;
_ASSERT_MSG_SIZE(mess_lsys_krn_schedctl);

typedef struct { endpoint_t endpt; int request; vir_bytes arg_ptr; uint8_t padding[44]; } mess_lsys_krn_sys_privctl;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_privctl);

typedef struct { int request; endpoint_t endpt; vir_bytes address; long data; uint8_t padding[40]; } mess_lsys_krn_sys_trace;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_trace);
typedef struct { long data; uint8_t padding[52]; } mess_krn_lsys_sys_trace;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_trace);

/* SYS_KILL, SYS_GETKSIG, SYS_ENDKSIG, SYS_SIGSEND, SYS_SIGRETURN (MINIX's layout). */
typedef struct {
	sigset_t map;           /* GETKSIG: the pending signals */
	endpoint_t endpt;       /* the process */
	int sig;                /* KILL: the signal */
	void *sigctx;           /* SIGSEND: struct sigmsg in the caller; SIGRETURN: struct sigcontext in endpt */
	uint8_t padding[28];
} mess_sigcalls;
_ASSERT_MSG_SIZE(mess_sigcalls);

/* SYS_UMAP and SYS_UMAP_REMOTE (dst_endpt: the grantee when segment is VM_GRANT). */
typedef struct {
	endpoint_t src_endpt; int segment; vir_bytes src_addr; endpoint_t dst_endpt; int nr_bytes; uint8_t padding[36];
} mess_lsys_krn_sys_umap;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_umap);
typedef struct { phys_bytes dst_addr; uint8_t padding[52]; } mess_krn_lsys_sys_umap;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_umap);

/* SYS_VIRCOPY and SYS_PHYSCOPY (for PHYSCOPY an endpoint of NONE makes its address physical). */
typedef struct {
	vir_bytes src_addr; endpoint_t src_endpt; vir_bytes dst_addr; endpoint_t dst_endpt; phys_bytes nr_bytes;
	int flags; uint8_t padding[32];
} mess_lsys_krn_sys_copy;

/* SYS_MEMSET: process NONE makes base physical. */
typedef struct {
	phys_bytes base; phys_bytes count; unsigned long pattern; endpoint_t process; uint8_t padding[40];
} mess_lsys_krn_sys_memset;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_memset);
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_copy);

typedef struct { int request; int vector; int policy; int hook_id; uint8_t padding[40]; } mess_lsys_krn_sys_irqctl;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_irqctl);
typedef struct { int hook_id; uint8_t padding[52]; } mess_krn_lsys_sys_irqctl;

/* SYS_VUMAP: vaddr is a struct vumap_vir[] and paddr a struct vumap_phys[], both in the caller. */
typedef struct {
	endpoint_t endpt; vir_bytes vaddr; int vcount; vir_bytes paddr; int pmax; int access; size_t offset;
	uint8_t padding[28];
} mess_lsys_krn_sys_vumap;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_vumap);
typedef struct { int pcount; uint8_t padding[52]; } mess_krn_lsys_sys_vumap;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_vumap);
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_irqctl);

typedef struct { int request; int port; uint32_t value; uint8_t padding[44]; } mess_lsys_krn_sys_devio;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_devio);
typedef struct { uint32_t value; uint8_t padding[52]; } mess_krn_lsys_sys_devio;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_devio);

typedef struct { int request; vir_bytes vec_addr; int vec_size; uint8_t padding[44]; } mess_lsys_krn_sys_vdevio;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_vdevio);

/* SYS_SDEVIO: vec_addr is a grant id with _DIO_SAFE, else an address in the caller. */
typedef struct {
	int request; long port; endpoint_t vec_endpt; phys_bytes vec_addr; vir_bytes vec_size; vir_bytes offset;
	uint8_t padding[32];
} mess_lsys_krn_sys_sdevio;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_sdevio);

typedef struct { endpoint_t endpt; uint8_t padding[52]; } mess_lsys_krn_sys_iopenable;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_iopenable);

typedef struct {
	clock_t exp_time; clock_t time_left; clock_t uptime; int abs_time; uint8_t padding[40];
} mess_lsys_krn_sys_setalarm;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_setalarm);

typedef struct { endpoint_t endpt; uint8_t padding[52]; } mess_lsys_krn_sys_times;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_times);
typedef struct {
	clock_t real_ticks; clock_t boot_ticks; clock_t user_time; clock_t system_time; time_t boot_time;
	uint8_t padding[32];
} mess_krn_lsys_sys_times;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_times);

typedef struct { time_t boot_time; uint8_t padding[48]; } mess_lsys_krn_sys_stime;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_stime);

/* SYS_SETTIME: now == 0 slews by sec/nsec (adjtime); otherwise sets the clock to sec/nsec. */
typedef struct { time_t sec; long nsec; int now; clockid_t clock_id; uint8_t padding[36]; } mess_lsys_krn_sys_settime;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_settime);

typedef struct {
	int request; endpoint_t endpt; vir_bytes val_ptr; int val_len; vir_bytes val_ptr2; int val_len2_e;
	uint8_t padding[32];
} mess_lsys_krn_sys_getinfo;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_getinfo);
typedef struct { endpoint_t endpt; int privflags; int initflags; char name[44]; } mess_krn_lsys_sys_getwhoami;
_ASSERT_MSG_SIZE(mess_krn_lsys_sys_getwhoami);

/* SYS_GETMCONTEXT and SYS_SETMCONTEXT: an mcontext_t in endpt's memory. */
typedef struct { endpoint_t endpt; vir_bytes ctx_ptr; uint8_t padding[48]; } mess_lsys_krn_sys_getmcontext;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_getmcontext);
typedef struct { endpoint_t endpt; vir_bytes ctx_ptr; uint8_t padding[48]; } mess_lsys_krn_sys_setmcontext;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_setmcontext);

/* SYS_READBIOS: addr is physical, in the BIOS areas below 1 MiB; buf is in the caller. */
typedef struct { size_t size; phys_bytes addr; vir_bytes buf; uint8_t padding[44]; } mess_lsys_krn_readbios;
_ASSERT_MSG_SIZE(mess_lsys_krn_readbios);

/* SYS_SPROF: ctl_ptr (struct sprof_info_s) and mem_ptr (records) are in endpt's memory. */
typedef struct {
	int action; int freq; int intr_type; endpoint_t endpt; vir_bytes ctl_ptr; vir_bytes mem_ptr; size_t mem_size;
	uint8_t padding[28];
} mess_lsys_krn_sys_sprof;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_sprof);

typedef struct { int how; uint8_t padding[52]; } mess_lsys_krn_sys_abort;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_abort);

typedef struct {
	endpoint_t from_to; cp_grant_id_t gid; vir_bytes offset; vir_bytes address; size_t bytes; uint8_t padding[36];
} mess_lsys_kern_safecopy;
_ASSERT_MSG_SIZE(mess_lsys_kern_safecopy);

/* SYS_VSAFECOPY: an array of struct vscp_vec in the caller and its element count. */
typedef struct { void *vec_addr; int vec_size; uint8_t padding[48]; } mess_lsys_kern_vsafecopy;
_ASSERT_MSG_SIZE(mess_lsys_kern_vsafecopy);

typedef struct { vir_bytes addr; int size; uint8_t padding[48]; } mess_lsys_krn_sys_setgrant;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_setgrant);

typedef struct {
	endpoint_t who; int param; uint32_t value; vir_bytes addr; vir_bytes len; int flags; uint8_t padding[32];
} mess_lsys_krn_sys_vmctl;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_vmctl);

typedef struct { int code; vir_bytes buf; int len; endpoint_t endpt; uint8_t padding[40]; } mess_lsys_krn_sys_diagctl;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_diagctl);

typedef struct { endpoint_t endpt; int action; int flags; uint8_t padding[44]; } mess_lsys_krn_runctl;
_ASSERT_MSG_SIZE(mess_lsys_krn_runctl);

typedef struct { int status; uint8_t padding[52]; } mess_lsys_krn_sys_exit;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_exit);

typedef struct { int request; vir_bytes address; int length; uint8_t padding[44]; } mess_lsys_krn_sys_statectl;
_ASSERT_MSG_SIZE(mess_lsys_krn_sys_statectl);

/* RS_INIT (spec 5.2): RS -> service, and the service's answer by SENDREC with the result. */
typedef struct {
	int result; int type; cp_grant_id_t rproctab_gid; endpoint_t old_endpoint; int restarts; int flags;
	vir_bytes buff_addr; size_t buff_len; int prepare_state; uint8_t padding[20];
} mess_rs_init;
_ASSERT_MSG_SIZE(mess_rs_init);

/* RS_LU_PREPARE (spec 5.2): RS -> service (state NULL: cancel), and the service's readiness answer. */
typedef struct {
	int result; int state; int prepare_maxtime; int flags; cp_grant_id_t state_data_gid; uint8_t padding[36];
} mess_rs_update;
_ASSERT_MSG_SIZE(mess_rs_update);

typedef struct {
	endpoint_t m_source;            /* who sent it; the kernel always sets it */
	int m_type;                     /* what kind of message */
	union {
		mess_1 m_m1;
		mess_2 m_m2;
		mess_notify m_notify;
		mess_lsys_krn_sys_fork m_lsys_krn_sys_fork;
		mess_krn_lsys_sys_fork m_krn_lsys_sys_fork;
		mess_lsys_krn_sys_exec m_lsys_krn_sys_exec;
		mess_lsys_krn_sys_clear m_lsys_krn_sys_clear;
		mess_lsys_krn_schedule m_lsys_krn_schedule;
		mess_lsys_krn_schedctl m_lsys_krn_schedctl;
		mess_lsys_krn_sys_privctl m_lsys_krn_sys_privctl;
		mess_sigcalls m_sigcalls;
		mess_lsys_krn_sys_trace m_lsys_krn_sys_trace;
		mess_krn_lsys_sys_trace m_krn_lsys_sys_trace;
		mess_lsys_krn_sys_umap m_lsys_krn_sys_umap;
		mess_krn_lsys_sys_umap m_krn_lsys_sys_umap;
		mess_lsys_krn_sys_copy m_lsys_krn_sys_copy;
		mess_lsys_krn_sys_memset m_lsys_krn_sys_memset;
		mess_lsys_krn_sys_irqctl m_lsys_krn_sys_irqctl;
		mess_krn_lsys_sys_irqctl m_krn_lsys_sys_irqctl;
		mess_lsys_krn_sys_vumap m_lsys_krn_sys_vumap;
		mess_krn_lsys_sys_vumap m_krn_lsys_sys_vumap;
		mess_lsys_krn_sys_devio m_lsys_krn_sys_devio;
		mess_krn_lsys_sys_devio m_krn_lsys_sys_devio;
		mess_lsys_krn_sys_vdevio m_lsys_krn_sys_vdevio;
		mess_lsys_krn_sys_sdevio m_lsys_krn_sys_sdevio;
		mess_lsys_krn_sys_iopenable m_lsys_krn_sys_iopenable;
		mess_lsys_krn_sys_setalarm m_lsys_krn_sys_setalarm;
		mess_lsys_krn_sys_times m_lsys_krn_sys_times;
		mess_krn_lsys_sys_times m_krn_lsys_sys_times;
		mess_lsys_krn_sys_stime m_lsys_krn_sys_stime;
		mess_lsys_krn_sys_settime m_lsys_krn_sys_settime;
		mess_lsys_krn_sys_getinfo m_lsys_krn_sys_getinfo;
		mess_krn_lsys_sys_getwhoami m_krn_lsys_sys_getwhoami;
		mess_lsys_krn_sys_abort m_lsys_krn_sys_abort;
		mess_lsys_krn_sys_sprof m_lsys_krn_sys_sprof;
		mess_lsys_krn_readbios m_lsys_krn_readbios;
		mess_lsys_krn_sys_getmcontext m_lsys_krn_sys_getmcontext;
		mess_lsys_krn_sys_setmcontext m_lsys_krn_sys_setmcontext;
		mess_lsys_kern_safecopy m_lsys_kern_safecopy;
		mess_lsys_kern_vsafecopy m_lsys_kern_vsafecopy;
		mess_lsys_krn_sys_setgrant m_lsys_krn_sys_setgrant;
		mess_lsys_krn_sys_vmctl m_lsys_krn_sys_vmctl;
		mess_lsys_krn_sys_diagctl m_lsys_krn_sys_diagctl;
		mess_lsys_krn_runctl m_lsys_krn_runctl;
		mess_lsys_krn_sys_exit m_lsys_krn_sys_exit;
		mess_lsys_krn_sys_statectl m_lsys_krn_sys_statectl;
		mess_rs_init m_rs_init;
		mess_rs_update m_rs_update;
		uint8_t size[56];
	};
} __attribute__((aligned(16))) message;
_Static_assert(sizeof(message) == 64, "message is not 64 bytes");

/* The generic m1 layout's fields, by their MINIX names. */
#define m1_i1 m_m1.m1i1
#define m1_i2 m_m1.m1i2
#define m1_i3 m_m1.m1i3
#define m1_p1 m_m1.m1p1
#define m1_p2 m_m1.m1p2

/* ... and of the m2 layout (SYS_SAFEMEMSET's SMS_* fields live there, as in MINIX). */
#define m2_ll1 m_m2.m2ll1
#define m2_i1 m_m2.m2i1
#define m2_i2 m_m2.m2i2
#define m2_i3 m_m2.m2i3
#define m2_l1 m_m2.m2l1
#define m2_l2 m_m2.m2l2
#define m2_p1 m_m2.m2p1

/* One entry of an asynsend table (spec 4.1): 80 bytes, the message 16-byte aligned. */
typedef struct asynmsg {
	unsigned flags;
	endpoint_t dst;
	int result;
	message msg;
} asynmsg_t;
_Static_assert(sizeof(asynmsg_t) == 80, "asynmsg_t is not 80 bytes");

#define AMF_EMPTY 000
#define AMF_VALID 001
#define AMF_DONE 002
#define AMF_NOTIFY 004
#define AMF_NOREPLY 010
#define AMF_NOTIFY_ERR 020

/* The trap stubs (lib/ipc.S). Each returns the kernel's result (EAX). */
int _send(endpoint_t dst, message *m);
int _receive(endpoint_t src, message *m, int *status);
int _sendrec(endpoint_t peer, message *m);
int _notify(endpoint_t dst);
int _sendnb(endpoint_t dst, message *m);
int _senda(asynmsg_t *table, size_t count);
int _minix_kernel_info(void **info);
int _do_kernel_call_intr(message *m);

/* MINIX's names for them. */
#define ipc_send _send
#define ipc_receive _receive
#define ipc_sendrec _sendrec
#define ipc_notify _notify
#define ipc_sendnb _sendnb
#define ipc_senda _senda

#endif
