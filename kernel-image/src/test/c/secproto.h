/* What the security test programs tell each other. */
#ifndef SECPROTO_H
#define SECPROTO_H

#include <minix/jinx.h>

#define SEC_REPORT 0x6000       /* a check's outcome: got, want, name */
#define SEC_PING 0x6001
#define SEC_PONG 0x6002
#define SEC_QUIT 0x6003
#define SEC_SECRET_ADDR 0x30000000
#define SEC_SECRET 0x5EC12E7

#define SEC_CHECKER 0           /* module order */
#define SEC_VICTIM 1
#define SEC_NR_USERS 3          /* modules 2, 3, 4 */

struct sec_report {
	int got;
	int want;
	char name[48];
};
_Static_assert(sizeof(struct sec_report) <= 56, "a report fits in a message");

#endif
