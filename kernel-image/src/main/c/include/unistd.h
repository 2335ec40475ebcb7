#ifndef _UNISTD_H
#define _UNISTD_H

void _exit(int status) __attribute__((noreturn));

#endif
