/*
 * A driver for the MC146818's periodic interrupt, through the kernel as MINIX drivers do it:
 * CMOS registers with SYS_DEVIO, IRQ 8 (on the slave 8259) with SYS_IRQCTL, and the interrupts
 * as notifications from HARDWARE. No IRQ_REENABLE: the line stays masked until the driver has
 * acknowledged the chip (register C) and re-enabled its hook.
 */
#include "check.h"
#include <stdint.h>
#include "cmos.h"

#define RATE_1024HZ 0x26        /* register A: divider on, rate 6 */
#define NOTIFY_ID 1
#define WANTED 5

int main(void)
{
	message m;
	int status, hook = NOTIFY_ID, from_hardware = 0, with_bit = 0;
	clock_t first = 0, last = 0;

	plan(5);
	CHECK_EQ("irq_8_hook_is_set", sys_irqsetpolicy(8, 0, &hook), OK);
	cmos_write(REG_A, RATE_1024HZ);
	cmos_write(REG_B, cmos_read(REG_B) | PIE);
	for (int n = 0; n < WANTED; n++) {
		if (_receive(HARDWARE, &m, &status) != OK) {
			break;
		}
		from_hardware += m.m_source == HARDWARE && m.m_type == NOTIFY_MESSAGE && is_ipc_notify(status);
		with_bit += m.m_notify.interrupts == (1u << NOTIFY_ID);
		if (n == 0) {
			first = (clock_t) m.m_notify.timestamp;
		}
		last = (clock_t) m.m_notify.timestamp;
		cmos_read(REG_C);       /* acknowledge: the chip lowers IRQ 8 */
		if (sys_irqenable(&hook) != OK) {
			break;
		}
	}
	CHECK_EQ("each_interrupt_is_a_notify_from_hardware", from_hardware, WANTED);
	CHECK_EQ("each_notify_carries_the_hooks_bit", with_bit, WANTED);
	CHECK("1024_hz_interrupts_come_faster_than_the_60_hz_clock", last - first <= 1);
	cmos_write(REG_B, cmos_read(REG_B) & ~PIE);
	CHECK_EQ("irq_8_hook_is_removed", sys_irqrmpolicy(&hook), OK);
	return check_done();
}
