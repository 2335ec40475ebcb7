/*
 * 64-bit division helpers that gcc calls on i386 (normally from the 32-bit libgcc, which only
 * gcc-multilib installs). Shift-and-subtract: no 64-bit '/' or '%' appears here, or gcc would
 * call these very functions.
 */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0;

	if (d == 0) {
		/* As the hardware would: divide by zero traps (#DE), here through a 32-bit divide. */
		volatile uint32_t zero = 0;
		return (uint32_t) n / zero;
	}
	if (d <= n) {
		int shift = __builtin_clzll(d) - __builtin_clzll(n);
		d <<= shift;
		for (; shift >= 0; shift--) {
			q <<= 1;
			if (n >= d) {
				n -= d;
				q |= 1;
			}
			d >>= 1;
		}
	}
	if (rem) {
		*rem = n;
	}
	return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
	return __udivmoddi4(n, d, 0);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r = 0;
	__udivmoddi4(n, d, &r);
	return r;
}

/* Signed: the quotient truncates toward zero, the remainder takes the dividend's sign (C99). */
int64_t __divdi3(int64_t n, int64_t d)
{
	uint64_t q = __udivmoddi4(n < 0 ? -(uint64_t) n : (uint64_t) n, d < 0 ? -(uint64_t) d : (uint64_t) d, 0);
	return (n < 0) != (d < 0) ? -(int64_t) q : (int64_t) q;
}

int64_t __moddi3(int64_t n, int64_t d)
{
	uint64_t r = 0;
	__udivmoddi4(n < 0 ? -(uint64_t) n : (uint64_t) n, d < 0 ? -(uint64_t) d : (uint64_t) d, &r);
	return n < 0 ? -(int64_t) r : (int64_t) r;
}
