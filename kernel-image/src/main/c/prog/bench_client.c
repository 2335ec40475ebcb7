/*
 * The IPC benchmark's client (module 0; the server is module 1). Three phases, each run twice
 * (a warm-up, then the measured run), each framed by "bench: <phase> begin" / "bench: <phase>
 * end <count>" lines that the host timestamps:
 *   sendrec  N SENDREC round trips (request and reply: two messages each);
 *   notify   N NOTIFY round trips (the client notifies, the server notifies back);
 *   senda    N messages by asynsend, in batches of 256 the server acknowledges.
 *   bench_client N
 */
#include <minix/jinx.h>

#define SERVER 1
#define REQ 0x8000
#define SYNC 0x8001
#define DATA 0x8002
#define QUIT 0x8003
#define BATCH 256

static void sendrec_phase(const char *tag, int n)
{
	message m;

	printf("bench: sendrec%s begin\n", tag);
	for (int i = 0; i < n; i++) {
		m.m_type = REQ;
		m.m1_i1 = i;
		if (_sendrec(SERVER, &m) != OK || m.m1_i1 != i + 1) {
			panic("sendrec round %d failed", i);
		}
	}
	printf("bench: sendrec%s end %d\n", tag, n);
}

static void notify_phase(const char *tag, int n)
{
	message m;
	int status;

	printf("bench: notify%s begin\n", tag);
	for (int i = 0; i < n; i++) {
		_notify(SERVER);
		if (_receive(SERVER, &m, &status) != OK || !is_ipc_notify(status)) {
			panic("notify round %d failed", i);
		}
	}
	printf("bench: notify%s end %d\n", tag, n);
}

static int sent_total;     /* asynsends over both senda phases: what the server has counted */

static void senda_phase(const char *tag, int n)
{
	message m;

	printf("bench: senda%s begin\n", tag);
	for (int i = 0; i < n; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = DATA;
		m.m1_i1 = i;
		if (asynsend(SERVER, &m) != OK) {
			panic("asynsend %d failed", i);
		}
		sent_total++;
		if ((i + 1) % BATCH == 0 || i == n - 1) {
			m.m_type = SYNC;
			m.m1_i1 = sent_total;
			_sendrec(SERVER, &m);       /* the server has taken them all when it answers */
		}
	}
	printf("bench: senda%s end %d\n", tag, n);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20000;
	int warm = n / 5 > 0 ? n / 5 : 1;
	message m;

	sendrec_phase("-warmup", warm);
	sendrec_phase("", n);
	notify_phase("-warmup", warm);
	notify_phase("", n);
	senda_phase("-warmup", warm);
	senda_phase("", n);
	memset(&m, 0, sizeof(m));
	m.m_type = QUIT;
	_send(SERVER, &m);
	return 0;
}
