/* A system process with a secret in memory nobody else maps. Answers pings until told to quit. */
#include "secproto.h"

int main(void)
{
	message m;
	int status;

	if (sys_vmmap(SELF, SEC_SECRET_ADDR, 4096, 1) != OK) {
		return 2;
	}
	*(volatile int *) SEC_SECRET_ADDR = SEC_SECRET;
	for (;;) {
		if (_receive(ANY, &m, &status) != OK) {
			return 3;
		}
		if (m.m_type == SEC_QUIT) {
			return *(volatile int *) SEC_SECRET_ADDR == SEC_SECRET ? 0 : 4;
		}
		if (m.m_type == SEC_PING) {
			m.m_type = SEC_PONG;
			_send(m.m_source, &m);
		}
		/* Anything else (a user's SENDREC) gets no answer and waits for ever. */
	}
}
