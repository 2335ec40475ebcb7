/*
 * Spec 7 scenario 21 from a driver, with two real interrupt sources on the PC board: the
 * MC146818's periodic interrupt on IRQ 8 (hook notify id 3) fires twice, then COM1's
 * transmitter-empty interrupt on IRQ 4 (notify id 5) fires, all while the driver is busy (it
 * makes kernel calls but never receives). Its one receive then gets one message from HARDWARE
 * with interrupts = 0x28 (bits 3 and 5), and nothing is pending afterwards.
 *
 * Neither hook has IRQ_REENABLE, so after each firing the kernel leaves the line masked until
 * the driver re-enables its hook (spec 6.3): IRQ 8 fires a second time only because the driver
 * acknowledges the chip and calls IRQCTL ENABLE in between, and no further interrupt can slip in
 * after the checks have started.
 */
#include "check.h"
#include <stdint.h>
#include "cmos.h"


#define COM1 0x3F8
#define UART_IER (COM1 + 1)
#define UART_MCR (COM1 + 4)
#define IER_THRE 0x02           /* transmitter holding register empty: THR is empty, so at once */
#define MCR_OUT2 0x08           /* on a PC the UART's interrupt reaches the 8259 only with OUT2 */

#define RTC_IRQ 8
#define COM1_IRQ 4
#define RTC_NOTIFY_ID 3
#define COM1_NOTIFY_ID 5
#define BOTH_BITS 0x28          /* spec 7.21: (1 << 3) | (1 << 5) */

/* Busy waits give up after this many clock ticks of uptime (SYS_TIMES). */
#define WAIT_TICKS 30

static struct jinx_privinfo self_priv(void)
{
	struct jinx_privinfo p;

	memset(&p, 0, sizeof(p));
	sys_getprivinfo(SELF, &p);
	return p;
}

static clock_t uptime(void)
{
	clock_t now = 0;

	sys_times(SELF, NULL, NULL, &now, NULL);
	return now;
}

/* Busy (no receive) until the kernel has posted bit id in our pending-interrupt word. */
static int spin_for_bit(int id)
{
	clock_t until = uptime() + WAIT_TICKS;

	while (uptime() < until) {
		if (self_priv().s_int_pending & (1u << id)) {
			return 1;
		}
	}
	return 0;
}

/*
 * Busy until register C shows IRQF: the chip raised IRQ 8 again. The line went up between two
 * instructions and is unmasked, so the CPU took the interrupt (and the kernel posted it) before
 * the next kernel call could read C; reading C lowers the line again.
 */
static int spin_for_irqf(void)
{
	clock_t until = uptime() + WAIT_TICKS;

	while (uptime() < until) {
		if (cmos_read(REG_C) & IRQF) {
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	message m;
	int status, r;
	int rtc_hook = RTC_NOTIFY_ID, com1_hook = COM1_NOTIFY_ID;

	plan(12);
	CHECK_EQ("irq_8_hook_with_notify_id_3_is_set", sys_irqsetpolicy(RTC_IRQ, 0, &rtc_hook), OK);
	CHECK_EQ("irq_4_hook_with_notify_id_5_is_set", sys_irqsetpolicy(COM1_IRQ, 0, &com1_hook), OK);

	/* IRQ 8, first time. */
	cmos_read(REG_C);
	cmos_write(REG_B, cmos_read(REG_B) | PIE);
	int first = spin_for_bit(RTC_NOTIFY_ID);
	first = first && (cmos_read(REG_C) & IRQF);     /* it was the chip; now acknowledged */
	CHECK("irq_8_fires_a_first_time_while_the_driver_is_busy", first);

	/*
	 * IRQ 8, second time: with the hook enabled again the line is unmasked (spec 6.3 step 4), so
	 * the chip's next period reaches the kernel, which masks the line again. The driver can only
	 * see that the chip asserted; DriverInterruptsTest counts what the kernel was handed.
	 */
	int second = sys_irqenable(&rtc_hook) == OK;
	CHECK("the_rtc_raises_irq_8_again_once_the_hook_is_enabled", second && spin_for_irqf());
	cmos_write(REG_B, cmos_read(REG_B) & ~PIE);
	cmos_read(REG_C);

	/* Then IRQ 4: enabling the empty transmitter's interrupt raises COM1's line at once. */
	sys_outb(UART_MCR, MCR_OUT2);
	sys_outb(UART_IER, IER_THRE);
	CHECK("irq_4_fires_after_them_while_the_driver_is_busy", spin_for_bit(COM1_NOTIFY_ID));
	sys_outb(UART_IER, 0);
	sys_outb(UART_MCR, 0);

	CHECK_EQ("s_int_pending_holds_bits_3_and_5_before_the_receive", self_priv().s_int_pending, BOTH_BITS);

	/* The one receive. */
	memset(&m, 0, sizeof(m));
	r = _receive(ANY, &m, &status);
	CHECK("one_message_from_hardware", r == OK && m.m_source == HARDWARE && m.m_type == NOTIFY_MESSAGE
		&& is_ipc_notify(status));
	CHECK_EQ("its_interrupts_field_is_0x28", m.m_notify.interrupts, BOTH_BITS);
	struct jinx_privinfo after = self_priv();
	CHECK_EQ("s_int_pending_is_0_after_the_message", after.s_int_pending, 0);
	CHECK("no_notification_is_left_pending", after.s_notify_pending[0] == 0 && after.s_notify_pending[1] == 0);

	/* Both lines stay masked (no REENABLE, no ENABLE): the next message is an alarm's. */
	sys_setalarm(2, 0);
	memset(&m, 0, sizeof(m));
	_receive(ANY, &m, &status);
	CHECK("the_next_message_is_the_alarm_not_a_second_interrupt_message", m.m_source == CLOCK);

	CHECK("both_hooks_are_removed", sys_irqrmpolicy(&rtc_hook) == OK && sys_irqrmpolicy(&com1_hook) == OK);
	return check_done();
}
