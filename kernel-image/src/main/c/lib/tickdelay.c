#include <errno.h>
#include <minix/syslib.h>
#include <minix/sysutil.h>

/* An alarm, then a receive from CLOCK only: other messages stay queued for later. */
int tickdelay(clock_t ticks)
{
	message m;
	int r;

	if (ticks == 0) {
		return OK;
	}
	if ((r = sys_setalarm(ticks, 0)) != OK) {
		return r;
	}
	return _receive(CLOCK, &m, NULL);
}
