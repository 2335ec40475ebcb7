/* The IPC benchmark's server: answers requests, returns notifications, takes asynsends. */
#include <minix/jinx.h>

#define CLIENT 0
#define REQ 0x8000
#define SYNC 0x8001
#define DATA 0x8002
#define QUIT 0x8003

int main(void)
{
	message m;
	int status;
	int taken = 0;

	for (;;) {
		if (_receive(ANY, &m, &status) != OK) {
			panic("receive failed");
		}
		if (is_ipc_notify(status)) {
			_notify(CLIENT);
			continue;
		}
		switch (m.m_type) {
		case REQ:
			m.m1_i1++;
			_send(CLIENT, &m);
			break;
		case DATA:
			taken++;
			break;
		case SYNC:
			if (taken != m.m1_i1) {
				panic("took %d asynsends, the client sent %d", taken, m.m1_i1);
			}
			_send(CLIENT, &m);
			break;
		case QUIT:
			return 0;
		}
	}
}
