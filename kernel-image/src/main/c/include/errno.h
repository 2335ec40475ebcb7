/*
 * Error codes, MINIX's names and numbers (spec 3.12). Inside the system (_SYSTEM defined, as
 * everything the Jinx guest library builds is) they are negative, as the kernel returns them.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#ifdef _SYSTEM
#define _SIGN -
#define OK 0
#else
#define _SIGN
#endif

#define EPERM (_SIGN 1)
#define ENOENT (_SIGN 2)
#define ESRCH (_SIGN 3)
#define EINTR (_SIGN 4)
#define EIO (_SIGN 5)
#define ENXIO (_SIGN 6)
#define E2BIG (_SIGN 7)
#define ENOMEM (_SIGN 12)
#define EFAULT (_SIGN 14)
#define EBUSY (_SIGN 16)
#define EINVAL (_SIGN 22)
#define ENOSPC (_SIGN 28)
#define EDOM (_SIGN 33)
#define EAGAIN (_SIGN 35)
#define ENOSYS (_SIGN 78)

#define ERESTART (_SIGN 200)
#define ENOTREADY (_SIGN 201)
#define EDEADSRCDST (_SIGN 202)
#define EDONTREPLY (_SIGN 203)
#define EGENERIC (_SIGN 204)
#define ELOCKED (_SIGN 208)
#define EBADCALL (_SIGN 209)
#define ECALLDENIED (_SIGN 210)
#define ETRAPDENIED (_SIGN 211)
#define EBADREQUEST (_SIGN 212)
#define EDEADEPT (_SIGN 215)

#endif
