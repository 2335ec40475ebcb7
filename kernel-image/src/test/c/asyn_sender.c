/*
 * The sender of the asynsend library tests: fills its 512-entry table towards a sink that is
 * not receiving, sends a 513th once the sink has taken some (compaction), unregisters its table
 * while entries are pending (senda(NULL, 0)), and re-arms it with senda_reload when asked.
 * Before that, a message to a dead endpoint with AMF_NOTIFY_ERR checks asyn_geterror.
 */
#include "asyn_proto.h"

static void geterror_reports_a_failure_once(void)
{
	message m;
	endpoint_t dst;
	int err, status;
	const endpoint_t dead = _ENDPOINT(3, 200);

	memset(&m, 0, sizeof(m));
	m.m_type = 0x7300;
	CHECK_EQ("asynsend_to_a_dead_endpoint_returns_ok", asynsend3(dead, &m, AMF_NOTIFY_ERR), OK);
	int r = _receive(ASYNCM, &m, &status);
	CHECK("a_failed_notify_err_entry_brings_an_asyncm_notify", r == OK && m.m_source == ASYNCM && is_ipc_notify(status));
	CHECK("asyn_geterror_reports_the_failure", asyn_geterror(&dst, &m, &err) == 1 && dst == dead && err == EDEADSRCDST
		&& m.m_type == 0x7300);
	CHECK_EQ("asyn_geterror_reports_it_only_once", asyn_geterror(&dst, &m, &err), 0);
}

int main(void)
{
	message m;
	int status, ok = 1;

	plan(4 + 5);
	geterror_reports_a_failure_once();

	/* Scenario 33: 512 messages to a sink that is not receiving fill the table. */
	for (int i = 0; i < ASYN_NR; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = ASYN_DATA;
		m.m1_i1 = i;
		ok &= asynsend(ASYN_SINK, &m) == OK;
	}
	CHECK("512_asynsends_to_a_busy_sink_are_accepted", ok);
	CHECK_EQ("the_table_is_full", _asyn_next_slot, ASYN_NR);
	tickdelay(20);          /* meanwhile the sink takes the first ASYN_FIRST_BATCH */
	memset(&m, 0, sizeof(m));
	m.m_type = ASYN_DATA;
	m.m1_i1 = ASYN_NR;
	CHECK_EQ("the_513th_asynsend_compacts_the_table", asynsend(ASYN_SINK, &m), OK);
	CHECK_EQ("compaction_kept_only_the_pending_entries", _asyn_next_slot, ASYN_TOTAL - ASYN_FIRST_BATCH);

	/* Scenario 35: unregister while entries are pending; re-arm when the sink asks. */
	CHECK_EQ("senda_null_0_unregisters", _senda(NULL, 0), OK);
	while (_receive(ASYN_SINK, &m, &status) == OK && m.m_type == ASYN_RELOAD) {
		senda_reload();
	}
	return m.m_type == ASYN_DONE ? check_done() : 1;
}
