/*
 * Self-checking guest programs (the xv6 usertests shape): each check prints "ok NAME" or
 * "not ok NAME: what failed", TAP-like, after a "plan N" line; the JUnit runner turns every line
 * into a test named NAME and checks that all N appeared.
 */
#ifndef CHECK_H
#define CHECK_H

#include <minix/jinx.h>

static int check_failures;

static inline void plan(int n)
{
	printf("plan %d\n", n);
}

static inline void check_report(const char *name, int ok, const char *what, int line)
{
	if (ok) {
		printf("ok %s\n", name);
	} else {
		printf("not ok %s: %s (line %d)\n", name, what, line);
		check_failures++;
	}
}

/* CHECK(name, condition) */
#define CHECK(name, cond) check_report(name, (cond) != 0, #cond, __LINE__)

/* CHECK_EQ(name, got, want): integers, both shown on failure. */
#define CHECK_EQ(name, got, want) do {                                                  \
	long long g_ = (long long) (got), w_ = (long long) (want);                          \
	if (g_ == w_) {                                                                     \
		printf("ok %s\n", name);                                                        \
	} else {                                                                            \
		printf("not ok %s: %s is %lld, expected %lld (line %d)\n", name, #got, g_, w_, __LINE__); \
		check_failures++;                                                               \
	}                                                                                   \
} while (0)

static inline int check_done(void)
{
	return check_failures == 0 ? 0 : 1;
}

#endif
