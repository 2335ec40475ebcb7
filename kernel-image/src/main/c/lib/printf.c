/*
 * Formatted output. Text is gathered in a line buffer and written to the kernel console with
 * SYS_DIAGCTL at each newline (or when the buffer fills), so lines of different processes do not
 * interleave mid-line. A process without the call (a user process) prints nothing.
 * Conversions: %d %i %u %x %X %o %p %s %c %%, flags '-' '0', a width, and the l and ll lengths.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <minix/syslib.h>

struct out {
	char *buf;
	size_t size;
	size_t len;     /* characters produced, even past the end of buf */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size) {
		o->buf[o->len] = c;
	}
	o->len++;
}

static void number(struct out *o, uint64_t v, int base, int upper, int neg, int width, int zero, int left)
{
	char digits[24];
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		digits[n++] = set[v % base];
		v /= base;
	} while (v != 0);
	int total = n + neg;
	if (!left && !zero) {
		for (; total < width; total++) put(o, ' ');
	}
	if (neg) put(o, '-');
	if (!left && zero) {
		for (; total < width; total++) put(o, '0');
	}
	while (n) put(o, digits[--n]);
	if (left) {
		for (; total < width; total++) put(o, ' ');
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		int left = 0, zero = 0, width = 0, lng = 0;
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-') left = 1; else zero = 1;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++) {
			width = width * 10 + (*fmt - '0');
		}
		for (; *fmt == 'l'; fmt++) {
			lng++;
		}
		switch (*fmt) {
		case 'd': case 'i': {
			int64_t v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
			number(&o, v < 0 ? -(uint64_t) v : (uint64_t) v, 10, 0, v < 0, width, zero, left);
			break;
		}
		case 'u': case 'x': case 'X': case 'o': {
			uint64_t v = lng >= 2 ? va_arg(ap, unsigned long long) : lng ? va_arg(ap, unsigned long)
				: va_arg(ap, unsigned);
			int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			number(&o, v, base, *fmt == 'X', 0, width, zero, left);
			break;
		}
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			number(&o, (uintptr_t) va_arg(ap, void *), 16, 0, 0, 8, 1, 0);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (s == NULL) s = "(null)";
			int n = (int) strlen(s);
			if (!left) for (int i = n; i < width; i++) put(&o, ' ');
			while (*s) put(&o, *s++);
			if (left) for (int i = n; i < width; i++) put(&o, ' ');
			break;
		}
		case 'c':
			put(&o, (char) va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size > 0) {
		buf[o.len < size ? o.len : size - 1] = '\0';
	}
	return (int) o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static char line[256];
static int line_len;

void fflush_stdout(void)
{
	if (line_len > 0) {
		sys_diagctl_diag(line, line_len);
		line_len = 0;
	}
}

int putchar(int c)
{
	line[line_len++] = (char) c;
	if (c == '\n' || line_len == (int) sizeof(line)) {
		fflush_stdout();
	}
	return (unsigned char) c;
}

int puts(const char *s)
{
	while (*s) putchar(*s++);
	putchar('\n');
	return 0;
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	for (int i = 0; buf[i]; i++) {
		putchar(buf[i]);
	}
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
