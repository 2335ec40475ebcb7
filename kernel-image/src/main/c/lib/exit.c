/* Ending a process, and panic. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minix/com.h>
#include <minix/syslib.h>
#include <minix/sysutil.h>

/*
 * A system process asks the kernel (SYS_EXIT). A user process may not make kernel calls: it
 * tells PM, as in MINIX; if no PM answers, it ends itself with an invalid instruction, which the
 * kernel turns into SIGILL.
 */
void _exit(int status)
{
	message m;

	fflush_stdout();
	sys_exit(status);
	memset(&m, 0, sizeof(m));
	m.m_type = PM_EXIT;
	m.m1_i1 = status;
	_sendrec(PM_PROC_NR, &m);
	for (;;) {
		__builtin_trap();
	}
}

void exit(int status)
{
	_exit(status);
}

void abort(void)
{
	_exit(128 + 6);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("panic: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	_exit(PANIC_STATUS);
}

int atoi(const char *s)
{
	return (int) strtol(s, NULL, 10);
}

long strtol(const char *s, char **end, int base)
{
	long v = 0;
	int neg = 0;

	while (*s == ' ') s++;
	if (*s == '-' || *s == '+') neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = 10;
	}
	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'z' ? *s - 'a' + 10
			: *s >= 'A' && *s <= 'Z' ? *s - 'A' + 10 : 99;
		if (d >= base) break;
		v = v * base + d;
	}
	if (end) *end = (char *) s;
	return neg ? -v : v;
}
