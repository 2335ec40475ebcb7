/*
 * ping: the client half of the demo pair. Sends ROUNDS requests to pong (endpoint 1 unless given
 * as argv[1]) with SENDREC and checks every answer.
 *   jinx boot --module ping.elf --module pong.elf
 */
#include <minix/jinx.h>

#define ROUNDS 1000
#define PING 0x4001
#define PONG 0x4002

int main(int argc, char **argv)
{
	endpoint_t peer = argc > 1 ? atoi(argv[1]) : 1;
	message m;

	for (int i = 0; i < ROUNDS; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = PING;
		m.m1_i1 = i;
		int r = _sendrec(peer, &m);
		if (r != OK || m.m_type != PONG || m.m1_i1 != i + 1 || m.m_source != peer) {
			printf("ping: round %d failed: r=%d type=0x%x value=%d from=%d\n", i, r, m.m_type, m.m1_i1,
				m.m_source);
			return 1;
		}
	}
	memset(&m, 0, sizeof(m));
	m.m_type = PING;
	m.m1_i1 = -1;                   /* tells pong to stop */
	_send(peer, &m);
	printf("ping: %d round trips with endpoint %d, all answered\n", ROUNDS, peer);
	return 0;
}
