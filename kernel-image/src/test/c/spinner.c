/*
 * A CPU-bound process that never blocks on its own: it computes for a while, then reports how
 * far it is and at which tick. Several of them at one priority take turns only because the
 * clock preempts them at the end of each quantum.
 */
#include <minix/jinx.h>

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "spinner";
	volatile unsigned acc = 0;
	clock_t now;

	for (int round = 0; round < 6; round++) {
		for (unsigned i = 0; i < 100000; i++) {
			acc += i ^ (acc >> 3);
		}
		sys_times(NONE, NULL, NULL, &now, NULL);
		printf("%s round %d at tick %u acc %08x\n", name, round, now, acc);
	}
	return 0;
}
