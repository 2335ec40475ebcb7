/*
 * Spec 7, scenario 6 from guest code: an unknown IPC call is EBADCALL, and MINIX_KERNINFO
 * answers OK with the address of the kernel-info page, which every process maps read-only and
 * the kernel keeps current. Module 0 (PM's slot, so the users' signal manager) checks the page
 * against SYS_GETINFO and SYS_TIMES; scen_kerninfo_writer (module 1, a user process) reads it
 * too, reports, then writes to it: the kernel stops it with SIGSEGV and goes on.
 */
#include "check.h"

#define WRITER 1
#define KI_REPORT 0x6200        /* writer -> checker by SENDREC: m1_i1 result, m1_i2 address, m1_i3 magic */

static int raw_ipc(int call)
{
	int eax = 0, ebx = 0;

	__asm__ __volatile__("int $0x21" : "+a"(eax), "+b"(ebx), "+c"(call) : : "edx", "memory");
	return eax;
}

static void page_matches_the_kernel(const volatile struct jinx_kerninfo *ki)
{
	struct kinfo k;
	clock_t up;
	time_t boot;
	char name[16];
	endpoint_t me;

	CHECK("kerninfo_magic_and_size", ki->magic == KERNINFO_MAGIC && ki->size == sizeof(struct jinx_kerninfo));
	CHECK_EQ("kerninfo_flags_say_no_user_mapped_ipc_vectors", ki->flags, KERNINFO_F_NO_IPCVECS);
	CHECK_EQ("kerninfo_hz_is_get_hz", ki->hz, sys_gethz());
	tickdelay(1);           /* a tick after our last allocation: free_pages is current too */
	sys_getkinfo(&k);
	CHECK("kerninfo_kinfo_is_get_kinfo_field_for_field", memcmp((const void *) &ki->kinfo, &k, sizeof(k)) == 0);
	sys_times(NONE, NULL, NULL, &up, &boot);
	CHECK_EQ("kerninfo_boot_time_is_sys_times_boot_time", ki->boot_time, boot);
	CHECK("kerninfo_uptime_is_at_most_a_tick_behind", ki->uptime <= up && up - ki->uptime <= 1);
	clock_t before = ki->uptime;
	tickdelay(3);
	CHECK("kerninfo_uptime_is_kept_current", ki->uptime - before >= 3);

	int ok = 1;
	for (int i = 0; i < NR_BOOT_PROCS; i++) {
		ok &= ki->image[i].endpt == i - NR_TASKS;
	}
	CHECK("kerninfo_image_has_the_fixed_endpoints_in_slot_order", ok);
	sys_whoami(&me, name, sizeof(name), NULL);
	CHECK("kerninfo_image_names_what_runs_there",
		strcmp((const char *) ki->image[NR_TASKS + me].name, name) == 0
		&& strcmp((const char *) ki->image[NR_TASKS + CLOCK].name, "clock") == 0);
	CHECK("kerninfo_machine_is_a_386_at_33_mhz_with_32_mib",
		ki->machine.processor == 386 && ki->machine.cpu_hz == 33000000 && ki->machine.ram_bytes == 32u << 20);

	unsigned live = ki->nr_live_procs;
	endpoint_t child;
	int r = sys_fork(SELF, NONE, &child, 0);
	if (r == OK && child == SELF) {
		for (;;) {
			_receive(HARDWARE, NULL, NULL);         /* never runs: NO_PRIV */
		}
	}
	tickdelay(1);
	CHECK_EQ("kerninfo_counts_a_new_process_at_the_next_tick", ki->nr_live_procs, live + 1);
	sys_clear(child);
	tickdelay(1);
	CHECK_EQ("kerninfo_counts_its_end_too", ki->nr_live_procs, live);
	CHECK_EQ("the_kernel_cannot_be_made_to_write_the_page_either",
		sys_getinfo(GET_HZ, (void *) &ki->hz, sizeof(int), NONE), EFAULT);
}

int main(void)
{
	void *p = NULL;
	message m;
	int status;

	plan(3 + 14 + 6);
	CHECK_EQ("ipc_call_7_is_ebadcall", raw_ipc(7), EBADCALL);
	CHECK_EQ("kerninfo_returns_ok", _minix_kernel_info(&p), OK);
	CHECK("kerninfo_ebx_is_the_fixed_user_address", p == (void *) KERNINFO_ADDR);
	page_matches_the_kernel((const volatile struct jinx_kerninfo *) p);

	/* The user process: its view of the call, then its write. */
	if (_receive(WRITER, &m, &status) == OK && m.m_type == KI_REPORT) {
		CHECK("a_user_process_gets_the_same_address", m.m1_i1 == OK && (unsigned) m.m1_i2 == KERNINFO_ADDR);
		CHECK_EQ("a_user_process_reads_the_same_page", m.m1_i3, KERNINFO_MAGIC);
	}
	_send(WRITER, &m);
	endpoint_t who = NONE;
	sigset_t sigs;
	while (_receive(ANY, &m, &status) == OK) {
		if (m.m_source == SYSTEM && is_ipc_notify(status) && sigismember(&m.m_notify.sigset, SIGKSIG)) {
			break;
		}
	}
	struct jinx_procinfo w;
	sys_getprocinfo(WRITER, &w);
	CHECK_EQ("the_writer_is_stopped_for_the_signal", w.rts_flags & (RTS_SIGNALED | RTS_SIG_PENDING),
		RTS_SIGNALED | RTS_SIG_PENDING);
	CHECK("writing_the_page_is_sigsegv_to_the_manager",
		sys_getksig(&who, &sigs) == OK && who == WRITER && sigismember(&sigs, SIGSEGV));
	const volatile struct jinx_kerninfo *ki = p;
	CHECK_EQ("the_page_is_unchanged", ki->magic, KERNINFO_MAGIC);
	CHECK_EQ("the_writer_is_reaped", sys_clear(WRITER), OK);
	clock_t before = ki->uptime;
	tickdelay(2);
	CHECK("the_kernel_keeps_running_and_the_page_current", ki->uptime - before >= 2);
	return check_done();
}
