/*
 * The user process of the kernel-info scenario (scen_kerninfo.c): MINIX_KERNINFO needs no trap
 * mask bit, so it gets the page's address; it reports what it read by SENDREC, then writes to
 * the read-only page, which the CPU refuses (#PF, SIGSEGV to its manager, module 0).
 */
#include <minix/jinx.h>

int main(void)
{
	void *p = NULL;
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = 0x6200;
	m.m1_i1 = _minix_kernel_info(&p);
	m.m1_i2 = (int) p;
	m.m1_i3 = m.m1_i1 == OK ? (int) ((volatile struct jinx_kerninfo *) p)->magic : 0;
	_sendrec(0, &m);
	((volatile struct jinx_kerninfo *) p)->uptime = 0;
	return 1;               /* not reached */
}
