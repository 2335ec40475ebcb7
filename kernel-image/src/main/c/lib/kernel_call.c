/* The kernel-call entry (spec 1.4) and its ENOTREADY retry. */
#include <errno.h>
#include <minix/syslib.h>
#include <minix/sysutil.h>

int _kernel_call_once(int syscallnr, message *m)
{
	m->m_type = syscallnr;
	return _do_kernel_call_intr(m);
}

/*
 * ENOTREADY means "a table is temporarily held back during a live update, try again" (spec 5.7):
 * retry after 1, 2, 3, ... ticks. The request fields survive in the message (the kernel writes
 * only the result into m_type), so the same message is sent again.
 */
int _kernel_call(int syscallnr, message *m)
{
	clock_t delay = 1;
	int r;

	while ((r = _kernel_call_once(syscallnr, m)) == ENOTREADY) {
		tickdelay(delay++);
	}
	return r;
}
