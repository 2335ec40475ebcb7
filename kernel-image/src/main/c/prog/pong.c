/* pong: the server half of the demo pair. Answers each PING n with PONG n+1; PING -1 ends it. */
#include <minix/jinx.h>

#define PING 0x4001
#define PONG 0x4002

int main(void)
{
	message m;
	int served = 0;

	for (;;) {
		int status;
		if (_receive(ANY, &m, &status) != OK) {
			printf("pong: receive failed\n");
			return 1;
		}
		if (m.m_type != PING) {
			continue;
		}
		if (m.m1_i1 == -1) {
			break;
		}
		endpoint_t who = m.m_source;
		m.m_type = PONG;
		m.m1_i1++;
		_send(who, &m);
		served++;
	}
	printf("pong: served %d requests\n", served);
	return 0;
}
