/*
 * A user process (SENDREC only, no kernel calls) attacking the system: IPC it may not use, bad
 * message pointers, kernel calls, another process's memory. It cannot print, so it reports each
 * outcome to the checker (module 0) by SENDREC. Then it does what argv[1] says, which the CPU
 * refuses: "io" (an IN instruction), "text" (a write to its own code), "jump" (a jump where
 * nothing is mapped). The kernel turns the fault into SIGSEGV for its manager, the checker.
 */
#include "secproto.h"

static void report(const char *name, int got, int want)
{
	message m;
	struct sec_report *r = (struct sec_report *) &m.m_m1;

	memset(&m, 0, sizeof(m));
	m.m_type = SEC_REPORT;
	r->got = got;
	r->want = want;
	strncpy(r->name, name, sizeof(r->name) - 1);
	_sendrec(SEC_CHECKER, &m);
}

int main(int argc, char **argv)
{
	message m;
	int status;
	const char *attack = argc > 1 ? argv[1] : "io";
	char tag[64];

	memset(&m, 0, sizeof(m));
	if (strcmp(attack, "io") == 0) {
		report("user_send_is_trap_denied", _send(SEC_CHECKER, &m), ETRAPDENIED);
		report("user_receive_is_trap_denied", _receive(ANY, &m, &status), ETRAPDENIED);
		report("user_notify_is_trap_denied", _notify(SEC_CHECKER), ETRAPDENIED);
		report("user_senda_is_not_permitted", _senda((asynmsg_t *) 0x1000, 1), EPERM);
		report("user_sendrec_to_self_is_call_denied", _sendrec(2, &m), ECALLDENIED);
	}
	/* Bad message pointers: nothing is read or written, the error comes back, we go on. */
	snprintf(tag, sizeof(tag), "%s_sendrec_from_null_faults", attack);
	report(tag, _sendrec(SEC_CHECKER, (message *) 0), EFAULT);
	snprintf(tag, sizeof(tag), "%s_sendrec_wrapping_4gib_faults", attack);
	report(tag, _sendrec(SEC_CHECKER, (message *) 0xFFFFFFF0), EFAULT);
	snprintf(tag, sizeof(tag), "%s_sendrec_above_the_stack_faults", attack);
	report(tag, _sendrec(SEC_CHECKER, (message *) 0xC0000000), EFAULT);
	snprintf(tag, sizeof(tag), "%s_victims_secret_address_is_not_ours", attack);
	report(tag, _sendrec(SEC_VICTIM, (message *) SEC_SECRET_ADDR), EFAULT);

	if (strcmp(attack, "io") == 0) {
		/* A kernel call: denied, answered in the message by SYSTEM. */
		memset(&m, 0, sizeof(m));
		m.m_lsys_krn_sys_copy.src_endpt = SEC_VICTIM;
		m.m_lsys_krn_sys_copy.src_addr = SEC_SECRET_ADDR;
		m.m_lsys_krn_sys_copy.dst_endpt = SELF;
		m.m_lsys_krn_sys_copy.dst_addr = (vir_bytes) tag;
		m.m_lsys_krn_sys_copy.nr_bytes = 4;
		int r = _kernel_call_once(SYS_VIRCOPY, &m);
		report("user_vircopy_is_call_denied", r, ECALLDENIED);
		report("user_kernel_call_reply_comes_from_system", m.m_source, SYSTEM);
		report("user_kernel_call_past_the_table_is_bad_request", _kernel_call_once(KERNEL_CALL + 58, &m),
			EBADREQUEST);
	}

	/* The end: something the CPU itself refuses. */
	if (strcmp(attack, "io") == 0) {
		__asm__ __volatile__("inb $0x21, %%al" ::: "eax");
	} else if (strcmp(attack, "text") == 0) {
		*(volatile int *) (void *) &main = 0;
	} else {
		((void (*)(void)) 0xFFFFF000)();
	}
	report("the_attack_was_stopped", 0, 1);     /* not reached */
	return 0;
}
