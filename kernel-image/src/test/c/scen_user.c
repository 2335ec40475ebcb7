/*
 * U of scenario 2: a user process (trap mask SENDREC only, every destination but the user
 * structure's own id). Its outcomes go to the director (module 0) by SENDREC.
 */
#include "scen_proto.h"

#define SELF_U 5                /* module 5 */

static void report(int which, int got, int want)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = SC_UREPORT;
	m.m1_i1 = got;
	m.m1_i2 = want;
	m.m1_i3 = which;
	_sendrec(DIRECTOR, &m);
}

int main(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	/* SEND is not in U's trap mask either: the mask check must answer first. */
	report(0, _send(SELF_U, &m), ECALLDENIED);
	report(1, _sendrec(SELF_U, &m), ECALLDENIED);
	report(2, _send(DIRECTOR, &m), ETRAPDENIED);
	return 0;               /* not reached: the last report is never answered */
}
