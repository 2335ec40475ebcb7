/* The sink of the asynsend library tests: busy (waiting for CLOCK only) while the sender fills
   its table, then takes messages in order and checks the hints and deliveries of scenario 35. */
#include "asyn_proto.h"

static int next_seq;

/* Takes n messages from the sender; all must come by SENDA, in sequence. */
static int take(int n)
{
	message m;
	int status, ok = 1;

	for (int i = 0; i < n; i++) {
		if (_receive(ASYN_SENDER, &m, &status) != OK || m.m_type != ASYN_DATA || m.m1_i1 != next_seq
			|| IPC_STATUS_CALL(status) != SENDA) {
			printf("sink: wanted %d, got type 0x%x seq %d status %d\n", next_seq, m.m_type, m.m1_i1, status);
			ok = 0;
		}
		next_seq++;
	}
	return ok;
}

static int hint_from_sender(void)
{
	struct jinx_privinfo me, sender;

	sys_getprivinfo(SELF, &me);
	sys_getprivinfo(ASYN_SENDER, &sender);
	return (me.s_asyn_pending[sender.s_id / 32] >> (sender.s_id % 32)) & 1;
}

int main(void)
{
	message m;
	int status;

	plan(6);
	tickdelay(5);
	CHECK("the_first_messages_arrive_in_table_order", take(ASYN_FIRST_BATCH));
	tickdelay(30);          /* the sender compacts and unregisters meanwhile */

	CHECK("the_hint_survives_the_unregistering", hint_from_sender());
	sys_setalarm(3, 0);
	int r = _receive(ANY, &m, &status);
	CHECK("an_unregistered_table_delivers_nothing", r == OK && m.m_source == CLOCK);
	CHECK("the_scan_cleared_the_hint", !hint_from_sender());

	memset(&m, 0, sizeof(m));
	m.m_type = ASYN_RELOAD;
	_send(ASYN_SENDER, &m);
	CHECK("senda_reload_rearms_and_delivers", take(1));
	CHECK("the_rest_arrive_in_order_after_compaction", take(ASYN_TOTAL - ASYN_FIRST_BATCH - 1));
	memset(&m, 0, sizeof(m));
	m.m_type = ASYN_DONE;
	_send(ASYN_SENDER, &m);
	return check_done();
}
