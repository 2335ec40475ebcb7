/*
 * An actor of the scenario programs (scen_proto.h): waits in recv(DIRECTOR) for a command,
 * makes that one IPC call through INT 0x21 itself (so EBX can be seen as the trap left it), and
 * reports the outcome to the director. It never decides anything; the director checks.
 */
#include "scen_proto.h"

static asynmsg_t table[8];

/* One INT 0x21: ECX = call, EAX = endpoint or count, EBX = buffer; EBX as it came back. */
static int trap(int call, int eax, void *buf, int *ebx)
{
	int b = (int) buf;

	__asm__ __volatile__("int $0x21" : "+a"(eax), "+b"(b), "+c"(call) : : "edx", "memory");
	*ebx = b;
	return eax;
}

static int call_of(int op)
{
	switch (op) {
	case OP_SEND: return SEND;
	case OP_RECEIVE: return RECEIVE;
	case OP_SENDREC: return SENDREC;
	case OP_NOTIFY: return NOTIFY;
	case OP_SENDNB: return SENDNB;
	default: return SENDA;
	}
}

int main(void)
{
	static message m;       /* the IPC buffer; static, so its address is fixed for ebx_kept */
	message cmd, rep;
	int status;

	for (;;) {
		if (_receive(DIRECTOR, &cmd, &status) != OK || cmd.m_type != SC_CMD) {
			continue;
		}
		struct sc_cmd *c = CMD(cmd);
		memset(&rep, 0, sizeof(rep));
		rep.m_type = SC_REPORT;
		struct sc_report *r = REPORT(rep);
		r->op = c->op;
		switch (c->op) {
		case OP_QUIT:
			return check_done();
		case OP_SET_ENTRY:
			memset(&table[c->index], 0, sizeof(table[0]));
			table[c->index].dst = c->peer;
			table[c->index].msg.m_type = SC_DATA;
			DATA(table[c->index].msg)->tag = c->tag;
			table[c->index].flags = c->flags;
			break;
		case OP_PEEK_ENTRY:
			r->entry_flags = table[c->index].flags;
			r->entry_result = table[c->index].result;
			break;
		case OP_ALARM: {
			clock_t left = 0;
			r->result = sys_setalarm2(c->tag, 0, &left, NULL);
			r->tag = (int) left;
			break;
		}
		case OP_SENDA: {
			int ebx;
			r->result = trap(SENDA, c->peer, table, &ebx);
			r->ebx_kept = ebx == (int) table;
			break;
		}
		default: {
			int ebx;
			memset(&m, 0, sizeof(m));
			m.m_source = c->forge;
			m.m_type = SC_DATA;
			DATA(m)->tag = c->tag;
			r->result = trap(call_of(c->op), c->peer, &m, &ebx);
			r->status = ebx;
			r->ebx_kept = ebx == (int) &m;
			r->m_source = m.m_source;
			r->m_type = m.m_type;
			r->tag = DATA(m)->tag;
			break;
		}
		}
		_send(DIRECTOR, &rep);
	}
}
