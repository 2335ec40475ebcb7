/*
 * A SEF service that rs_lite starts as if it had been restarted (RS_INIT type RESTART, spec
 * 5.5): only the restart callback runs, with what RS_INIT said, and the answer is taken.
 */
#include "rs_lite_proto.h"

static int fresh, restart, restarts = -1;

static int init_fresh(int type, sef_init_info_t *info)
{
	fresh++;
	return OK;
}

static int init_restart(int type, sef_init_info_t *info)
{
	restart++;
	restarts = info->restarts;
	return type == SEF_INIT_RESTART ? OK : EINVAL;
}

int main(void)
{
	plan(2);
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_restart(init_restart);
	CHECK_EQ("a_restarted_service_answers_rs_init", sef_startup(), OK);
	CHECK("a_restart_runs_only_the_restart_init_callback", fresh == 0 && restart == 1 && restarts == 1);
	return check_done();
}
