/*
 * The other sender of the SEF tests (rs_lite_proto.h): on the service's notify it sends it one
 * message each way a message can wait for a receiver — a NOTIFY (pending bit), an asynsend
 * (pending entry) and a SEND (queued, blocking us) — so the service can show that its IPC
 * filters held them back and that none is lost.
 */
#include "rs_lite_proto.h"

int main(void)
{
	message m;
	int status;

	for (;;) {
		if (_receive(SVC, &m, &status) != OK) {
			return 1;
		}
		if (is_ipc_notify(status)) {
			_notify(SVC);
			memset(&m, 0, sizeof(m));
			m.m_type = PEER_ASYNC;
			asynsend(SVC, &m);
			m.m_type = PEER_SEND;
			_send(SVC, &m);
		} else if (m.m_type == RSL_QUIT) {
			return 0;
		}
	}
}
