/*
 * The director's side of the scenario programs (scen_proto.h): commanding actors, collecting
 * their reports, and waiting until the kernel shows an actor in a given state.
 */
#ifndef SCEN_DIRECTOR_H
#define SCEN_DIRECTOR_H

#include "scen_proto.h"

#define MAX_SLOT 64

static struct sc_report reports[MAX_SLOT];
static int reported[MAX_SLOT];

/* A command to an idle actor (it waits in recv(DIRECTOR), so this never blocks). */
static void command(endpoint_t actor, int op, endpoint_t peer, int tag, endpoint_t forge, int index, unsigned flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = SC_CMD;
	struct sc_cmd *c = CMD(m);
	c->op = op;
	c->peer = peer;
	c->tag = tag;
	c->forge = forge;
	c->index = index;
	c->flags = flags;
	reported[_ENDPOINT_P(actor)] = 0;
	if (_send(actor, &m) != OK) {
		printf("director: command %d to %d failed\n", op, actor);
	}
}

static void act(endpoint_t actor, int op, endpoint_t peer, int tag)
{
	command(actor, op, peer, tag, NONE, 0, 0);
}

/* Waits for actor's report (recv(ANY): other actors' reports are kept for later). */
static struct sc_report collect(endpoint_t actor)
{
	message m;
	int status;
	int slot = _ENDPOINT_P(actor);

	while (!reported[slot]) {
		if (_receive(ANY, &m, &status) != OK) {
			printf("director: receive failed\n");
			break;
		}
		if (m.m_type == SC_REPORT && _ENDPOINT_P(m.m_source) >= 0 && _ENDPOINT_P(m.m_source) < MAX_SLOT) {
			reports[_ENDPOINT_P(m.m_source)] = *REPORT(m);
			reported[_ENDPOINT_P(m.m_source)] = 1;
		}
	}
	reported[slot] = 0;
	return reports[slot];
}

/* Does one call and returns its report: for calls that do not block. */
static struct sc_report run(endpoint_t actor, int op, endpoint_t peer, int tag)
{
	act(actor, op, peer, tag);
	return collect(actor);
}

static struct jinx_procinfo procinfo(endpoint_t who)
{
	struct jinx_procinfo p;

	memset(&p, 0, sizeof(p));
	if (sys_getprocinfo(who, &p) != OK) {
		p.endpt = NONE;
	}
	return p;
}

/* True when who is blocked in SENDING to on (NONE: anyone). */
static int is_sending(endpoint_t who, endpoint_t on)
{
	struct jinx_procinfo p = procinfo(who);

	return (p.rts_flags & RTS_SENDING) && (on == NONE || p.sendto == on);
}

/* True when who is RECEIVING from on (ANY included) and not also SENDING. */
static int is_receiving(endpoint_t who, endpoint_t on)
{
	struct jinx_procinfo p = procinfo(who);

	return (p.rts_flags & (RTS_SENDING | RTS_RECEIVING)) == RTS_RECEIVING && (on == NONE || p.getfrom == on);
}

/* Gives the others up to 30 ticks to get who into the state; true once it is there. */
static int await_sending(endpoint_t who, endpoint_t on)
{
	for (int i = 0; i < 30; i++) {
		if (is_sending(who, on)) {
			return 1;
		}
		tickdelay(1);
	}
	return 0;
}

static int await_receiving(endpoint_t who, endpoint_t on)
{
	for (int i = 0; i < 30; i++) {
		if (is_receiving(who, on)) {
			return 1;
		}
		tickdelay(1);
	}
	return 0;
}

/* Bit i of a two-word kernel bitmap. */
static int has_bit(const bitchunk_t *map, int i)
{
	return (map[i / 32] >> (i % 32)) & 1;
}

static struct jinx_privinfo privinfo(endpoint_t who)
{
	struct jinx_privinfo p;

	memset(&p, 0, sizeof(p));
	sys_getprivinfo(who, &p);
	return p;
}

static int priv_id(endpoint_t who)
{
	return privinfo(who).s_id;
}

/*
 * A copy of the director in a new slot (SYS_FORK of itself). It is held by NO_PRIV, so it never
 * runs unless given privileges: a valid endpoint that never receives, and that can die. Should
 * it run, it waits in recv(HARDWARE) for ever.
 */
static __attribute__((unused)) endpoint_t spawn(void)
{
	endpoint_t child;
	message m;

	if (sys_fork(SELF, NONE, &child, 0) != OK) {
		return NONE;
	}
	if (child == SELF) {
		for (;;) {
			_receive(HARDWARE, &m, NULL);
		}
	}
	return child;
}

static void quit_actors(int n)
{
	for (int a = 1; a <= n; a++) {
		act(a, OP_QUIT, NONE, 0);
	}
}

#endif
