/* The process's grant table (MINIX libsys cpf_*): entries other processes may use with safecopy. */
#include <errno.h>
#include <minix/safecopies.h>
#include <minix/syslib.h>

#define NR_GRANTS 64

static cp_grant_t table[NR_GRANTS];
static int registered;

int cpf_reload(void)
{
	registered = 1;
	return sys_setgrant(table, NR_GRANTS);
}

static int free_slot(void)
{
	if (!registered && cpf_reload() != OK) {
		return -1;
	}
	for (int i = 0; i < NR_GRANTS; i++) {
		if (!(table[i].cp_flags & CPF_VALID)) {
			return i;
		}
	}
	return -1;
}

cp_grant_id_t cpf_grant_direct(endpoint_t who_to, vir_bytes addr, size_t bytes, int access)
{
	int i = free_slot();

	if (i < 0) {
		return GRANT_INVALID;
	}
	table[i].cp_seq = (table[i].cp_seq + 1) & 0x7FF;
	table[i].cp_u.cp_direct.cp_who_to = who_to;
	table[i].cp_u.cp_direct.cp_start = addr;
	table[i].cp_u.cp_direct.cp_len = bytes;
	__asm__ __volatile__("" ::: "memory");
	table[i].cp_flags = CPF_VALID | CPF_DIRECT | (access & (CPF_READ | CPF_WRITE));
	return GRANT_ID(i, table[i].cp_seq);
}

/* Sets grant {gid} (sequence 0) directly: SEF's grant 0 must have that exact id in every process. */
int cpf_setgrant_direct(cp_grant_id_t gid, endpoint_t who_to, vir_bytes addr, size_t bytes, int access)
{
	int i = gid & GRANT_IDXMASK;

	if (gid < 0 || i >= NR_GRANTS || (gid >> GRANT_SHIFT) != 0) {
		return EINVAL;
	}
	if (!registered && cpf_reload() != OK) {
		return EGENERIC;
	}
	table[i].cp_flags = 0;
	table[i].cp_seq = 0;
	table[i].cp_u.cp_direct.cp_who_to = who_to;
	table[i].cp_u.cp_direct.cp_start = addr;
	table[i].cp_u.cp_direct.cp_len = bytes;
	__asm__ __volatile__("" ::: "memory");
	table[i].cp_flags = CPF_VALID | CPF_DIRECT | (access & (CPF_READ | CPF_WRITE));
	return OK;
}

cp_grant_id_t cpf_grant_indirect(endpoint_t who_to, endpoint_t who_from, cp_grant_id_t gr)
{
	int i = free_slot();

	if (i < 0) {
		return GRANT_INVALID;
	}
	table[i].cp_seq = (table[i].cp_seq + 1) & 0x7FF;
	table[i].cp_u.cp_indirect.cp_who_to = who_to;
	table[i].cp_u.cp_indirect.cp_who_from = who_from;
	table[i].cp_u.cp_indirect.cp_grant = gr;
	__asm__ __volatile__("" ::: "memory");
	table[i].cp_flags = CPF_VALID | CPF_INDIRECT | CPF_READ | CPF_WRITE;
	return GRANT_ID(i, table[i].cp_seq);
}

int cpf_revoke(cp_grant_id_t gr)
{
	int i = gr & GRANT_IDXMASK;

	if (gr < 0 || i >= NR_GRANTS || table[i].cp_seq != (gr >> GRANT_SHIFT)) {
		return EINVAL;
	}
	table[i].cp_flags = 0;
	return OK;
}
