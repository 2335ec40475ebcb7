/*
 * asynsend (spec 4.8): messages sent without blocking, kept in a table in our own memory that
 * the kernel reads when each receiver is ready. The table, first_slot and next_slot live in the
 * data section, so a live update's state transfer carries them to the new instance.
 */
#include <errno.h>
#include <stdlib.h>
#include <minix/sysutil.h>

asynmsg_t _asyn_msgtable[ASYN_NR];
int _asyn_first_slot, _asyn_next_slot;
static int initialized;
static volatile int inside;

/* A finished entry that failed and asked to be told: it stays until asyn_geterror takes it. */
static int needs_ack(const asynmsg_t *e)
{
	return (e->flags & (AMF_VALID | AMF_DONE)) == (AMF_VALID | AMF_DONE) && e->result != OK
		&& (e->flags & (AMF_NOTIFY | AMF_NOTIFY_ERR)) != 0;
}

static int pending(const asynmsg_t *e)
{
	return (e->flags & AMF_VALID) != 0 && (e->flags & AMF_DONE) == 0;
}

/* Registers the live window with the kernel: it retries every entry and re-arms every hint. */
int senda_reload(void)
{
	return _senda(&_asyn_msgtable[_asyn_first_slot], _asyn_next_slot - _asyn_first_slot);
}

/* Moves every entry still in use to the front; the kernel must not scan while we do it. */
static void compact(void)
{
	int kept = 0;

	_senda(NULL, 0);
	for (int i = 0; i < ASYN_NR; i++) {
		if (pending(&_asyn_msgtable[i]) || needs_ack(&_asyn_msgtable[i])) {
			if (i != kept) {
				_asyn_msgtable[kept] = _asyn_msgtable[i];
			}
			kept++;
		}
	}
	for (int i = kept; i < ASYN_NR; i++) {
		_asyn_msgtable[i].flags = AMF_EMPTY;
	}
	_asyn_first_slot = 0;
	_asyn_next_slot = kept;
}

int asynsend3(endpoint_t dst, message *mp, int flags)
{
	int ack = 0;
	asynmsg_t *e;

	if (inside) {
		exit(PANIC_STATUS);     /* a nested call (a printf from inside) would corrupt the table */
	}
	inside = 1;
	if (!initialized) {
		for (int i = 0; i < ASYN_NR; i++) {
			_asyn_msgtable[i].flags = AMF_EMPTY;
		}
		initialized = 1;
	}
	/* Skip what is finished; remember failures still to be acknowledged. */
	while (_asyn_first_slot < _asyn_next_slot) {
		e = &_asyn_msgtable[_asyn_first_slot];
		if (e->flags == AMF_EMPTY || (e->flags & (AMF_VALID | AMF_DONE)) == (AMF_VALID | AMF_DONE)) {
			ack |= needs_ack(e);
			_asyn_first_slot++;
			continue;
		}
		break;
	}
	if (_asyn_first_slot >= _asyn_next_slot && !ack) {
		_asyn_first_slot = _asyn_next_slot = 0;
	}
	if (_asyn_next_slot >= ASYN_NR) {
		compact();
		if (_asyn_next_slot >= ASYN_NR) {
			inside = 0;
			panic("asynsend: msgtable full");
		}
	}
	e = &_asyn_msgtable[_asyn_next_slot];
	e->dst = dst;
	e->result = OK;
	e->msg = *mp;
	/* The kernel may scan the table whenever we block: VALID must be the last thing written. */
	__asm__ __volatile__("" ::: "memory");
	e->flags = flags | AMF_VALID;
	_asyn_next_slot++;
	inside = 0;
	return senda_reload();
}

int asyn_geterror(endpoint_t *dst, message *msg, int *err)
{
	for (int i = 0; i < _asyn_next_slot; i++) {
		asynmsg_t *e = &_asyn_msgtable[i];
		if (needs_ack(e)) {
			*dst = e->dst;
			*msg = e->msg;
			*err = e->result;
			e->result = OK;     /* acknowledged: compaction may drop it now */
			return 1;
		}
	}
	return 0;
}
