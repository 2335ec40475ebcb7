/*
 * The MC146818's registers as a driver reaches them through SYS_DEVIO: an index written to port
 * 70h selects the register that port 71h reads or writes.
 */
#ifndef JINX_TEST_CMOS_H
#define JINX_TEST_CMOS_H

#include <stdint.h>
#include <minix/syslib.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define REG_A 0x0A
#define REG_B 0x0B
#define REG_C 0x0C
#define PIE 0x40                /* register B: periodic interrupt enable */
#define IRQF 0x80               /* register C: the chip is asserting IRQ 8 */

static inline uint32_t cmos_read(int reg)
{
	uint32_t v = 0;
	sys_outb(CMOS_INDEX, reg);
	sys_inb(CMOS_DATA, &v);
	return v;
}

static inline void cmos_write(int reg, uint32_t v)
{
	sys_outb(CMOS_INDEX, reg);
	sys_outb(CMOS_DATA, v);
}

#endif
