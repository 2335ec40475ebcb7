/* A system process whose kernel call points at nothing: the kernel ends it (SIGSEGV) and goes on. */
#include <minix/jinx.h>

int main(void)
{
	_do_kernel_call_intr((message *) 0x10);
	return 0;       /* not reached */
}
