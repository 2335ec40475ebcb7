/*
 * Kernel calls through the real INT 0x20 path, one named check each. Booted as module 0 (PM's
 * slot), a system process with SET_SYS's defaults. It also plays PM for the child it forks: the
 * child's exit arrives as PM_EXIT, and this program clears it, as PM would.
 */
#include "check.h"
#include <stdint.h>
#include <stddef.h>

static char page_buf[8192] __attribute__((aligned(4096)));

static void whoami_and_info(void)
{
	endpoint_t me;
	char name[16];
	int flags;
	struct kinfo k;

	CHECK_EQ("whoami_gives_the_boot_endpoint", sys_whoami(&me, name, sizeof(name), &flags) == OK ? me : -1, PM_PROC_NR);
	CHECK("whoami_gives_the_program_name", strcmp(name, "kcalls") == 0);
	CHECK("whoami_says_system_process", (flags & SYS_PROC) != 0);
	CHECK_EQ("gethz_is_60", sys_gethz(), 60);
	CHECK("getkinfo_reports_the_table_sizes", sys_getkinfo(&k) == OK && k.nr_procs == NR_PROCS && k.nr_tasks == NR_TASKS);
}

static void time_and_alarms(void)
{
	clock_t up0, up1, left, now;
	message m;
	int status;

	sys_times(NONE, NULL, NULL, &up0, NULL);
	tickdelay(3);
	sys_times(NONE, NULL, NULL, &up1, NULL);
	CHECK("tickdelay_waits_at_least_that_many_ticks", up1 - up0 >= 3);
	sys_setalarm2(10, 0, &left, &now);
	CHECK_EQ("setalarm_reports_no_earlier_alarm", left, 0);
	sys_setalarm2(5, 0, &left, NULL);
	CHECK("setalarm_reports_what_was_left", left > 0 && left <= 10);
	int r = _receive(ANY, &m, &status);
	CHECK("alarm_arrives_as_notify_from_clock", r == OK && m.m_source == CLOCK && m.m_type == NOTIFY_MESSAGE
		&& is_ipc_notify(status));
	clock_t user;
	time_t boot;
	sys_times(SELF, &user, NULL, NULL, &boot);
	CHECK("times_charges_ticks_to_whoever_runs", user >= 0);
	/* The run is deterministic: the board's RTC starts at 2000-01-01 00:00:00 UTC. */
	CHECK_EQ("boot_time_comes_from_the_rtc", boot, 946684800LL);

	clock_t mono0, mono1, real1;
	time_t boot1;
	getuptime(&mono0, NULL, NULL);
	CHECK_EQ("stime_sets_the_boot_time", sys_stime(boot + 3600), OK);
	getuptime(NULL, NULL, &boot1);
	CHECK_EQ("times_reports_the_new_boot_time", boot1, boot + 3600);
	CHECK_EQ("settime_sets_realtime", sys_settime(1, CLOCK_REALTIME, boot1 + 1000, 0), OK);
	getuptime(&mono1, &real1, NULL);
	CHECK("times_reports_the_new_realtime", real1 >= 1000 * 60 && real1 < 1000 * 60 + 5);
	CHECK("the_monotonic_count_did_not_jump", mono1 - mono0 < 5);
	CHECK_EQ("settime_of_another_clock_is_invalid", sys_settime(1, 3, boot1, 0), EINVAL);
	sys_stime(boot);
}

static void memory_calls(void)
{
	static char src[64] = "copied through the kernel";
	static char dst[64];
	phys_bytes phys;

	CHECK_EQ("vircopy_copies_within_oneself", sys_vircopy(SELF, (vir_bytes) src, SELF, (vir_bytes) dst, 26), OK);
	CHECK("vircopy_copied_the_bytes", strcmp(dst, "copied through the kernel") == 0);
	CHECK_EQ("vircopy_from_unmapped_memory_faults", sys_vircopy(SELF, 0x10, SELF, (vir_bytes) dst, 4), EFAULT);
	CHECK_EQ("vircopy_into_read_only_text_faults",
		sys_vircopy(SELF, (vir_bytes) src, SELF, (vir_bytes) &whoami_and_info, 4), EFAULT);
	CHECK_EQ("umap_of_own_buffer_works", sys_umap(SELF, 0, (vir_bytes) page_buf, 100, &phys), OK);
	CHECK("umap_gives_a_physical_address_above_1mib", phys >= 0x100000);
	CHECK_EQ("umap_of_another_process_is_refused", sys_umap(VFS_PROC_NR, 0, 0x08048000, 4, &phys), EPERM);
	phys_bytes remote;
	CHECK_EQ("umap_remote_of_own_buffer_works", sys_umap_remote(SELF, NONE, VM_D, (vir_bytes) page_buf, 100, &remote), OK);
	CHECK_EQ("umap_remote_agrees_with_umap", remote, phys);
	CHECK_EQ("umap_remote_of_a_bad_endpoint_is_invalid", sys_umap_remote(NONE, NONE, VM_D, 0, 4, &remote), EINVAL);
	struct vumap_vir vv[2] = { { .vv_addr = (vir_bytes) page_buf, .vv_size = 8192 }, { .vv_addr = 0, .vv_size = 4 } };
	struct vumap_phys pv[4];
	int pcount = 4;
	CHECK_EQ("vumap_of_own_buffer_works", sys_vumap(SELF, vv, 1, 16, VUA_WRITE, pv, &pcount), OK);
	CHECK("vumap_starts_at_the_offset_and_covers_the_rest",
		pcount >= 1 && pv[0].vp_addr == phys + 16 && pv[0].vp_size + (pcount > 1 ? pv[1].vp_size : 0) <= 8192 - 16);
	pcount = 4;
	CHECK_EQ("vumap_of_an_unmapped_range_faults", sys_vumap(SELF, vv + 1, 1, 0, VUA_READ, pv, &pcount), EFAULT);
	strcpy(page_buf, "through physical memory");
	CHECK_EQ("physcopy_from_a_physical_address", sys_physcopy(NONE, phys, SELF, (vir_bytes) dst, 25, 0), OK);
	CHECK("physcopy_copied_the_frame", strcmp(dst, "through physical memory") == 0);
	CHECK_EQ("memset_of_a_physical_range", sys_memset(NONE, 'm', phys, 4), OK);
	CHECK("memset_reached_the_virtual_page", memcmp(page_buf, "mmmmugh", 7) == 0);
	static uint8_t bda[16], bda2[16];
	CHECK_EQ("readbios_of_the_bios_data_area", sys_readbios(0x400, bda, 16), OK);
	CHECK("readbios_reads_what_physcopy_sees",
		sys_physcopy(NONE, 0x400, SELF, (vir_bytes) bda2, 16, 0) == OK && memcmp(bda, bda2, 16) == 0);
	CHECK_EQ("readbios_of_conventional_memory_is_refused", sys_readbios(0x7C00, bda, 16), EPERM);
	CHECK_EQ("physcopy_past_the_end_of_memory_faults", sys_physcopy(NONE, 0xFFFFFF00, SELF, (vir_bytes) dst, 4, 0), EFAULT);

	vir_bytes area = 0x20000000;
	CHECK_EQ("vmmap_maps_fresh_pages", sys_vmmap(SELF, area, 8192, 1), OK);
	volatile uint32_t *p = (uint32_t *) area;
	CHECK_EQ("vmmap_pages_start_zeroed", p[1000], 0);
	p[1000] = 0xABCD;
	CHECK_EQ("vmmap_pages_are_writable", p[1000], 0xABCD);
	CHECK_EQ("vmunmap_removes_them", sys_vmunmap(SELF, area, 8192), OK);
	CHECK_EQ("vircopy_into_the_unmapped_area_faults", sys_vircopy(SELF, (vir_bytes) src, SELF, area, 4), EFAULT);
}

static void grants(void)
{
	static char secret[32] = "shared by a grant";
	static char got[32];
	endpoint_t me = sef_self();

	cp_grant_id_t g = cpf_grant_direct(me, (vir_bytes) secret, 17, CPF_READ);
	CHECK("grant_is_made", g != GRANT_INVALID);
	CHECK_EQ("safecopyfrom_through_own_grant", sys_safecopyfrom(me, g, 0, (vir_bytes) got, 17), OK);
	CHECK("safecopyfrom_copied_the_bytes", memcmp(got, "shared by a grant", 17) == 0);
	CHECK_EQ("safecopy_past_the_grant_is_refused", sys_safecopyfrom(me, g, 10, (vir_bytes) got, 8), EPERM);
	CHECK_EQ("safecopyto_a_read_grant_is_refused", sys_safecopyto(me, g, 0, (vir_bytes) got, 4), EPERM);
	cpf_revoke(g);
	CHECK_EQ("a_revoked_grant_is_refused", sys_safecopyfrom(me, g, 0, (vir_bytes) got, 4), EPERM);
}

static void grant_vectors_and_fills(void)
{
	static char area[32] = "0123456789abcdef";
	static char got[16];
	endpoint_t me = sef_self();

	cp_grant_id_t r = cpf_grant_direct(me, (vir_bytes) area, 16, CPF_READ);
	cp_grant_id_t w = cpf_grant_direct(me, (vir_bytes) area + 16, 16, CPF_WRITE);
	struct vscp_vec v[2] = {
		{ me, SELF, r, 4, (vir_bytes) got, 4 },
		{ SELF, me, w, 0, (vir_bytes) "vsc", 3 },
	};
	CHECK_EQ("vsafecopy_does_both_elements", sys_vsafecopy(v, 2), OK);
	CHECK("vsafecopy_copied_both_ways", memcmp(got, "4567", 4) == 0 && memcmp(area + 16, "vsc", 3) == 0);
	v[0].v_from = SELF;
	CHECK_EQ("vsafecopy_needs_self_on_one_side_only", sys_vsafecopy(v, 1), EINVAL);
	CHECK_EQ("vsafecopy_of_an_unmapped_vector_faults", sys_vsafecopy((struct vscp_vec *) 0x10, 1), EFAULT);
	CHECK_EQ("safememset_fills_through_a_write_grant", sys_safememset(me, w, 4, 'z', 3), OK);
	CHECK("safememset_wrote_the_pattern", memcmp(area + 20, "zzz", 3) == 0 && area[23] == 0);
	CHECK_EQ("safememset_through_a_read_grant_is_refused", sys_safememset(me, r, 0, 0, 1), EPERM);
	CHECK_EQ("safememset_for_a_bad_endpoint_is_invalid", sys_safememset(NONE, w, 0, 0, 1), EINVAL);
	cpf_revoke(r);
	cpf_revoke(w);
}

static void ports_and_irqs(void)
{
	uint32_t v = 0;
	int hook = 1;

	CHECK_EQ("inb_of_an_empty_port_floats_high", sys_inb(0x2E8, &v) == OK ? v : 0, 0xFF);
	CHECK_EQ("outb_to_the_pic_is_refused", sys_outb(0x21, 0xFF), EPERM);
	CHECK_EQ("outb_to_the_pit_is_refused", sys_outb(0x43, 0x34), EPERM);
	CHECK_EQ("unaligned_word_access_is_invalid", sys_inw(0x61, &v), EINVAL);
	CHECK_EQ("irq_0_belongs_to_the_kernel", sys_irqsetpolicy(0, 0, &hook), EPERM);
	hook = 3;
	CHECK_EQ("irqsetpolicy_on_a_free_line", sys_irqsetpolicy(5, IRQ_REENABLE, &hook), OK);
	CHECK("irqsetpolicy_gives_a_hook_id", hook >= 1 && hook <= NR_IRQ_HOOKS);
	CHECK_EQ("irqrmpolicy_of_ones_hook", sys_irqrmpolicy(&hook), OK);
	pvb_pair_t many[VDEVIO_BUF_SIZE + 1];
	CHECK_EQ("vdevio_of_too_many_pairs_is_too_big", sys_vinb(many, VDEVIO_BUF_SIZE + 1), E2BIG);
}

static void string_io_and_iopl(void)
{
	static uint8_t buf[8];
	uint8_t direct = 0;

	CHECK_EQ("sdevio_reads_a_string_from_a_port", sys_insb(0x2E8, SELF, buf, 6), OK);
	CHECK("sdevio_filled_the_buffer", buf[0] == 0xFF && buf[5] == 0xFF && buf[6] == 0);
	CHECK_EQ("sdevio_to_the_pic_is_refused", sys_outsb(0x20, SELF, buf, 1), EPERM);
	CHECK_EQ("sdevio_of_another_process_needs_a_grant", sys_insb(0x2E8, VFS_PROC_NR, buf, 1), EPERM);
	CHECK_EQ("iopenable_of_a_bad_endpoint_is_invalid", sys_iopenable(NONE), EINVAL);
	CHECK_EQ("iopenable_of_self_works", sys_iopenable(SELF), OK);
	/* With IOPL 3 the CPU itself lets IN through at CPL 3: no kernel call, no #GP. */
	__asm__ volatile("inb %w1, %b0" : "=a"(direct) : "Nd"(0x2E8));
	CHECK_EQ("in_runs_directly_after_iopenable", direct, 0xFF);
}

static volatile int handled_signo;
static volatile int handled_scp_ok;
static volatile uint32_t handler_sp;

static void handler(int signo, int code, struct sigcontext *scp)
{
	uint32_t sp;

	__asm__ volatile("movl %%esp, %0" : "=r"(sp));
	handler_sp = sp;
	handled_signo = signo;
	handled_scp_ok = code == 0 && scp->sc_magic == SC_MAGIC && scp->sc_mask.__bits[0] == 0x5A5A;
}

static void signal_frames(void)
{
	struct sigmsg sm;
	volatile uint32_t before = 0x1234567;
	uint32_t sp;

	memset(&sm, 0, sizeof(sm));
	sm.sm_signo = SIGUSR1;
	sm.sm_mask.__bits[0] = 0x5A5A;
	sm.sm_sighandler = (vir_bytes) handler;
	sm.sm_sigreturn = (vir_bytes) __sigreturn;
	sm.sm_stkptr = 0;
	/* The handler runs inside this call: SIGSEND redirects us, SIGRETURN resumes after the trap. */
	int r = sys_sigsend(sef_self(), &sm);
	__asm__ volatile("movl %%esp, %0" : "=r"(sp));
	CHECK_EQ("sigsend_resumes_here_with_ok", r, OK);
	CHECK_EQ("the_handler_ran_with_the_signal_number", handled_signo, SIGUSR1);
	CHECK("the_handler_got_the_sigcontext", handled_scp_ok);
	CHECK("the_handler_ran_below_the_interrupted_stack", handler_sp < sp);
	CHECK_EQ("locals_survive_the_handler", before, 0x1234567);
	CHECK_EQ("sigsend_to_a_bad_endpoint_is_invalid", sys_sigsend(NONE, &sm), EINVAL);
	CHECK_EQ("sigsend_with_an_unmapped_sigmsg_faults", sys_sigsend(sef_self(), (struct sigmsg *) 0x10), EFAULT);
	struct sigcontext fake;
	memset(&fake, 0, sizeof(fake));
	CHECK_EQ("sigreturn_without_the_magic_is_invalid", sys_sigreturn(sef_self(), &fake), EINVAL);
}

static void machine_context(void)
{
	static mcontext_t mc;

	mc.mc_flags = _MC_FPU_SAVED;
	mc.__gregs[0] = 77;
	CHECK_EQ("getmcontext_works", sys_getmcontext(sef_self(), (vir_bytes) &mc), OK);
	CHECK("getmcontext_says_no_fpu_state_and_keeps_the_rest", mc.mc_flags == 0 && mc.__gregs[0] == 77);
	CHECK_EQ("setmcontext_without_fpu_state_works", sys_setmcontext(sef_self(), (vir_bytes) &mc), OK);
	mc.mc_flags = _MC_FPU_SAVED;
	CHECK_EQ("setmcontext_with_fpu_state_is_invalid", sys_setmcontext(sef_self(), (vir_bytes) &mc), EINVAL);
	CHECK_EQ("getmcontext_of_an_unmapped_context_faults", sys_getmcontext(sef_self(), 0x10), EFAULT);
}

static void interval_timers(void)
{
	clock_t two = 2, old = 99, start, now;
	message m;
	int status;

	CHECK_EQ("vtimer_arms_the_virtual_timer", sys_vtimer(SELF, VT_VIRTUAL, &two, &old), OK);
	CHECK_EQ("vtimer_reports_no_earlier_value", old, 0);
	/* Spin: the ticks are charged to us, so the timer runs out while we are running. */
	sys_times(NONE, NULL, NULL, &start, NULL);
	do {
		sys_times(NONE, NULL, NULL, &now, NULL);
	} while (now - start < 6);
	int r = _receive(ANY, &m, &status);
	CHECK("sigvtalrm_arrives_as_notify_from_system", r == OK && m.m_source == SYSTEM && m.m_type == NOTIFY_MESSAGE
		&& sigismember(&m.m_notify.sigset, SIGVTALRM) && !sigismember(&m.m_notify.sigset, SIGPROF));
	CHECK_EQ("the_expired_timer_reads_zero", sys_vtimer(SELF, VT_VIRTUAL, NULL, &old) == OK ? old : -1, 0);
	CHECK_EQ("vtimer_of_an_unknown_timer_is_invalid", sys_vtimer(SELF, 5, NULL, &old), EINVAL);
}

static volatile long traced_value = 5;

/*
 * A debugger's session through SYS_TRACE: the forked child (a user process whose signal manager
 * is us, in PM's slot) is examined and patched before it first runs, single-stepped one
 * instruction, stopped, and let go to exit with what it found in traced_value.
 */
static void tracing(void)
{
	endpoint_t child, who;
	message m;
	sigset_t map;
	int status;
	long v, eip0, eip1;

	int r = sys_fork(SELF, NONE, &child, 0);
	if (r == OK && child == SELF) {
		exit(traced_value == 42 ? 0 : 1);
	}
	CHECK_EQ("trace_getdata_reads_the_childs_memory", sys_trace(T_GETDATA, child, (long) &traced_value, &v) == OK ? v : -1, 5);
	v = 42;
	CHECK_EQ("trace_setdata_writes_it", sys_trace(T_SETDATA, child, (long) &traced_value, &v), OK);
	/* The child sits right after the INT 0x20 of its SYS_FORK: movl 4(%esp),%eax (4 bytes), int $0x20 (2). */
	sys_trace(T_GETUSER, child, offsetof(struct jinx_trace_frame, eip), &eip0);
	CHECK_EQ("trace_getuser_reads_the_saved_eip", eip0, (long) _do_kernel_call_intr + 6);
	CHECK_EQ("trace_step_sets_the_trap_flag", sys_trace(T_STEP, child, 0, NULL), OK);
	sys_privctl(child, SYS_PRIV_ALLOW, NULL);
	r = _receive(ANY, &m, &status);
	CHECK("the_step_traps_to_the_signal_manager", r == OK && m.m_source == SYSTEM
		&& sigismember(&m.m_notify.sigset, SIGKSIG));
	CHECK("getksig_says_sigtrap_for_the_child", sys_getksig(&who, &map) == OK && who == child && sigismember(&map, SIGTRAP));
	sys_trace(T_GETUSER, child, offsetof(struct jinx_trace_frame, eip), &eip1);
	CHECK_EQ("exactly_one_instruction_ran", eip1, eip0 + 3);
	CHECK_EQ("trace_stop_ends_stepping", sys_trace(T_STOP, child, 0, NULL), OK);
	sys_endksig(child);
	CHECK_EQ("trace_resume_lets_it_run", sys_trace(T_RESUME, child, 0, NULL), OK);
	r = _receive(child, &m, &status);
	CHECK("the_child_saw_the_patched_value", r == OK && m.m_type == PM_EXIT && m.m1_i1 == 0);
	sys_clear(child);
	CHECK_EQ("trace_of_a_bad_endpoint_is_invalid", sys_trace(T_GETDATA, NONE, 0, &v), EINVAL);
	CHECK_EQ("trace_of_a_pm_only_request_is_invalid", sys_trace(9, sef_self(), 0, NULL), EINVAL);
}

static void profiling(void)
{
	static struct sprof_info_s info;
	static uint8_t records[4096];
	clock_t start, now;

	CHECK_EQ("sprof_starts", sys_sprof(PROF_START, sizeof(records), 1024, PROF_RTC, SELF, &info, records), OK);
	CHECK_EQ("sprof_cannot_start_twice", sys_sprof(PROF_START, sizeof(records), 1024, PROF_RTC, SELF, &info, records), EBUSY);
	sys_times(NONE, NULL, NULL, &start, NULL);
	do {
		sys_times(NONE, NULL, NULL, &now, NULL);
	} while (now - start < 5);
	CHECK_EQ("sprof_stops", sys_sprof(PROF_STOP, 0, 0, 0, NONE, NULL, NULL), OK);
	struct sprof_proc *first = (struct sprof_proc *) records;
	struct sprof_sample *sample = (struct sprof_sample *) (records + sizeof(struct sprof_proc));
	CHECK("sprof_counted_our_ticks", info.total_samples >= 4 && info.system_samples >= 4);
	CHECK("sprof_named_us_first", first->proc == sef_self() && strcmp(first->name, "kcalls") == 0);
	CHECK("sprof_sampled_our_text", sample->proc == sef_self() && (uint32_t) sample->pc >= 0x08048000
		&& (uint32_t) sample->pc < 0x08100000);
	CHECK_EQ("sprof_stop_when_stopped_is_busy", sys_sprof(PROF_STOP, 0, 0, 0, NONE, NULL, NULL), EBUSY);
}

static void fork_and_reap(void)
{
	endpoint_t child;
	message m;
	int status;

	int r = sys_fork(SELF, NONE, &child, 0);
	if (r == OK && child == SELF) {
		/* The child: a user process now. Ask the parent, then exit through "PM". */
		memset(&m, 0, sizeof(m));
		m.m_type = 0x5000;
		_sendrec(PM_PROC_NR, &m);
		exit(m.m_type == 0x5001 ? 0 : 1);
	}
	CHECK_EQ("fork_returns_ok_to_the_parent", r, OK);
	CHECK("fork_gives_a_new_endpoint", child != sef_self() && child != SELF);
	CHECK_EQ("the_child_waits_for_privileges", sys_privctl(child, SYS_PRIV_ALLOW, NULL), OK);
	r = _receive(child, &m, &status);
	CHECK("the_child_runs_its_own_copy", r == OK && m.m_type == 0x5000);
	m.m_type = 0x5001;
	_send(child, &m);
	r = _receive(child, &m, &status);
	CHECK("the_child_exits_through_pm", r == OK && m.m_type == PM_EXIT && m.m1_i1 == 0);
	CHECK_EQ("clear_reaps_the_child", sys_clear(child), OK);
	CHECK_EQ("the_reaped_child_is_gone", _sendnb(child, &m), EDEADSRCDST);
}

static void arithmetic(void)
{
	char buf[64];
	uint64_t n = 0x123456789ABCDEF0ULL, d = 12345;
	uint64_t q = n / d, rem = n % d;

	CHECK("udivdi3_and_umoddi3_recompose", q * d + rem == n && rem < d);
	int64_t sn = -0x7123456789ALL, sd = 1000;
	int64_t sq = sn / sd, sr = sn % sd;
	CHECK("divdi3_truncates_toward_zero", sq * sd + sr == sn && sr <= 0 && -sr < sd);
	snprintf(buf, sizeof(buf), "%5d|%-4d|%04x|%s|%c|%%|%llu", -42, 7, 0xBEEF, "str", 'z', 18446744073709551615ULL);
	CHECK("printf_formats_like_c", strcmp(buf, "  -42|7   |beef|str|z|%|18446744073709551615") == 0);
}

int main(void)
{
	plan(120);
	whoami_and_info();
	time_and_alarms();
	memory_calls();
	grants();
	grant_vectors_and_fills();
	ports_and_irqs();
	string_io_and_iopl();
	signal_frames();
	machine_context();
	interval_timers();
	profiling();
	fork_and_reap();
	tracing();
	arithmetic();
	return check_done();
}
