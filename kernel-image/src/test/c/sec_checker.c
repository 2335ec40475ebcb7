/*
 * The security checker, module 0 (PM's slot, so it is the users' signal manager). It checks
 * that bad pointers, tables and counts in its own calls give errors, prints the outcomes the
 * users report, collects the users as the kernel stops them for their faults (SIGKSIG, then
 * GETKSIG), and finally checks that the system still works.
 */
#include "check.h"
#include "secproto.h"

static asynmsg_t table[2];

static void own_checks(void)
{
	message m;
	char text[8];

	memset(&m, 0, sizeof(m));
	CHECK_EQ("send_to_self_is_call_denied", _send(sef_self(), &m), ECALLDENIED);
	CHECK_EQ("send_from_an_unmapped_buffer_faults", _send(SEC_VICTIM, (message *) 0x1000), EFAULT);
	CHECK_EQ("receive_into_nothing_from_a_dead_endpoint_is_dead", _receive(0x7777, (message *) 0x10, NULL),
		EDEADSRCDST);
	CHECK_EQ("senda_of_an_unmapped_table_returns_ok", _senda((asynmsg_t *) 0x2000, 4), OK);
	CHECK_EQ("senda_of_a_huge_count_is_out_of_domain", _senda(table, MAX_SENDA_ENTRIES + 1), EDOM);
	CHECK_EQ("senda_of_a_negative_count_is_out_of_domain", _senda(table, (size_t) -1), EDOM);
	CHECK_EQ("diag_of_a_huge_length_is_invalid", sys_diagctl(DIAGCTL_CODE_DIAG, text, 100000, NONE), EINVAL);
	CHECK_EQ("diag_of_an_unmapped_buffer_faults", sys_diagctl(DIAGCTL_CODE_DIAG, (char *) 0x10, 4, NONE), EFAULT);
	CHECK_EQ("getinfo_into_read_only_text_faults", sys_getinfo(GET_HZ, (void *) &own_checks, 4, NONE), EFAULT);
	CHECK_EQ("vircopy_of_more_than_is_mapped_faults",
		sys_vircopy(SELF, (vir_bytes) text, SELF, (vir_bytes) text, 0x7FFFFFFF), EFAULT);
	CHECK_EQ("vircopy_from_the_victims_secret_needs_the_call_and_gets_it",
		sys_vircopy(SEC_VICTIM, SEC_SECRET_ADDR, SELF, (vir_bytes) text, 4), OK);
	CHECK_EQ("privctl_with_an_unmapped_argument_faults", sys_privctl(SEC_VICTIM, SYS_PRIV_ADD_IO, (void *) 0x10),
		EFAULT);
	CHECK_EQ("statectl_with_too_many_filter_elements_is_invalid",
		sys_statectl(SYS_STATE_ADD_IPC_BL_FILTER, text, 12 * (IPCF_MAX_ELEMENTS + 1)), EINVAL);
	CHECK_EQ("safecopy_from_a_process_without_grants_is_refused",
		sys_safecopyfrom(SEC_VICTIM, 0, 0, (vir_bytes) text, 4), EPERM);
	CHECK_EQ("vdevio_of_a_negative_count_is_invalid", sys_vinb((pvb_pair_t *) text, -1), EINVAL);
}

int main(void)
{
	message m;
	int status;
	int dead = 0;

	plan(15 + 5 + 3 * 4 + 3 + 3 * 2 + 1);
	/* One round trip first: the victim has set its secret up once it answers. */
	memset(&m, 0, sizeof(m));
	m.m_type = SEC_PING;
	_sendrec(SEC_VICTIM, &m);
	own_checks();
	while (dead < SEC_NR_USERS) {
		if (_receive(ANY, &m, &status) != OK) {
			printf("not ok checker_receive\n");
			return 1;
		}
		if (m.m_type == SEC_REPORT) {
			struct sec_report *r = (struct sec_report *) &m.m_m1;
			if (r->got == r->want) {
				printf("ok %s\n", r->name);
			} else {
				printf("not ok %s: got %d, expected %d\n", r->name, r->got, r->want);
			}
			endpoint_t who = m.m_source;
			m.m_type = OK;
			_send(who, &m);
		} else if (m.m_source == SYSTEM && is_ipc_notify(status) && sigismember(&m.m_notify.sigset, SIGKSIG)) {
			endpoint_t who;
			sigset_t sigs;
			while (sys_getksig(&who, &sigs) == OK && who != NONE) {
				char name[48];
				snprintf(name, sizeof(name), "user_%d_fault_is_sigsegv_to_its_manager", who);
				CHECK(name, sigismember(&sigs, SIGSEGV));
				snprintf(name, sizeof(name), "user_%d_is_reaped", who);
				CHECK_EQ(name, sys_clear(who), OK);
				dead++;
			}
		}
	}
	memset(&m, 0, sizeof(m));
	m.m_type = SEC_PING;
	CHECK("the_system_still_works_after_the_attacks", _sendrec(SEC_VICTIM, &m) == OK && m.m_type == SEC_PONG);
	m.m_type = SEC_QUIT;
	_send(SEC_VICTIM, &m);
	return check_done();
}
