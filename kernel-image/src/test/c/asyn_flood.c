/* Scenario 33, the failing half: 513 asynsends to a sink that never takes ours. The table fills,
   compaction finds nothing to drop, and the library panics ("msgtable full"). */
#include "asyn_proto.h"

int main(void)
{
	message m;

	for (int i = 0; i <= ASYN_NR; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = ASYN_DATA;
		m.m1_i1 = i;
		asynsend(ASYN_SINK, &m);
	}
	printf("asyn_flood: the 513th asynsend returned\n");
	return 0;
}
