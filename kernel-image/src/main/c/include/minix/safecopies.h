/* Memory grants (SYS_SETGRANT, SYS_SAFECOPYFROM/TO). */
#ifndef _MINIX_SAFECOPIES_H
#define _MINIX_SAFECOPIES_H

#include <minix/types.h>

typedef struct {
	int cp_flags;           /* CPF_* */
	int cp_seq;             /* must equal the id's sequence bits */
	union {
		struct {
			endpoint_t cp_who_to;   /* the grantee, or ANY */
			vir_bytes cp_start;     /* in the granter's memory */
			size_t cp_len;
			uint8_t cp_reserved[12];
		} cp_direct;
		struct {
			endpoint_t cp_who_to;   /* the grantee */
			endpoint_t cp_who_from; /* who made the grant passed on */
			cp_grant_id_t cp_grant; /* its id there */
			uint8_t cp_reserved[12];
		} cp_indirect;
	} cp_u;
} cp_grant_t;
_Static_assert(sizeof(cp_grant_t) == 32, "cp_grant_t is not 32 bytes");

#define CPF_READ 0x000001
#define CPF_WRITE 0x000002
#define CPF_TRY 0x000010
#define CPF_USED 0x000100
#define CPF_DIRECT 0x000200
#define CPF_INDIRECT 0x000400
#define CPF_MAGIC 0x000800
#define CPF_VALID 0x001000

#define GRANT_INVALID ((cp_grant_id_t) -1)
#define GRANT_SHIFT 20
#define GRANT_IDXMASK ((1 << GRANT_SHIFT) - 1)
#define GRANT_MAX_ENTRIES (1 << GRANT_SHIFT)
#define GRANT_ID(index, seq) ((cp_grant_id_t) ((index) | (seq) << GRANT_SHIFT))

/* SYS_VSAFECOPY: one element; exactly one of v_from and v_to is SELF (the caller). */
struct vscp_vec {
	endpoint_t v_from;      /* source: the granter, or SELF */
	endpoint_t v_to;        /* destination: the granter, or SELF */
	cp_grant_id_t v_gid;    /* the granter's grant */
	size_t v_offset;        /* offset within the grant */
	vir_bytes v_addr;       /* address in the caller */
	size_t v_bytes;
};
#define SCPVEC_NR 64

/* The guest library's grant table (lib/grants.c). */
cp_grant_id_t cpf_grant_direct(endpoint_t who_to, vir_bytes addr, size_t bytes, int access);
cp_grant_id_t cpf_grant_indirect(endpoint_t who_to, endpoint_t who_from, cp_grant_id_t gr);
int cpf_revoke(cp_grant_id_t gr);
int cpf_setgrant_direct(cp_grant_id_t gid, endpoint_t who_to, vir_bytes addr, size_t bytes, int access);
int cpf_reload(void);

#endif
