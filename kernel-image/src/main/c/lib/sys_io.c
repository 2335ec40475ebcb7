/* Kernel-call wrappers: port I/O and interrupt hooks. */
#include <errno.h>
#include <string.h>
#include <minix/syslib.h>

int sys_devio(int request, int port, uint32_t value, uint32_t *in)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_devio.request = request;
	m.m_lsys_krn_sys_devio.port = port;
	m.m_lsys_krn_sys_devio.value = value;
	r = _kernel_call(SYS_DEVIO, &m);
	if (r == OK && in != NULL) {
		*in = m.m_krn_lsys_sys_devio.value;
	}
	return r;
}

int sys_inb(int port, uint32_t *value) { return sys_devio(DIO_INPUT_BYTE, port, 0, value); }
int sys_inw(int port, uint32_t *value) { return sys_devio(DIO_INPUT_WORD, port, 0, value); }
int sys_inl(int port, uint32_t *value) { return sys_devio(DIO_INPUT_LONG, port, 0, value); }
int sys_outb(int port, uint32_t value) { return sys_devio(DIO_OUTPUT_BYTE, port, value, NULL); }
int sys_outw(int port, uint32_t value) { return sys_devio(DIO_OUTPUT_WORD, port, value, NULL); }
int sys_outl(int port, uint32_t value) { return sys_devio(DIO_OUTPUT_LONG, port, value, NULL); }

int sys_vdevio(int request, void *pairs, int count)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_vdevio.request = request;
	m.m_lsys_krn_sys_vdevio.vec_addr = (vir_bytes) pairs;
	m.m_lsys_krn_sys_vdevio.vec_size = count;
	return _kernel_call(SYS_VDEVIO, &m);
}

int sys_vinb(pvb_pair_t *pairs, int count) { return sys_vdevio(DIO_INPUT_BYTE, pairs, count); }
int sys_voutb(pvb_pair_t *pairs, int count) { return sys_vdevio(DIO_OUTPUT_BYTE, pairs, count); }

int sys_sdevio(int request, long port, endpoint_t proc, void *buffer, int count, vir_bytes offset)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_sdevio.request = request;
	m.m_lsys_krn_sys_sdevio.port = port;
	m.m_lsys_krn_sys_sdevio.vec_endpt = proc;
	m.m_lsys_krn_sys_sdevio.vec_addr = (phys_bytes) buffer;
	m.m_lsys_krn_sys_sdevio.vec_size = count;
	m.m_lsys_krn_sys_sdevio.offset = offset;
	return _kernel_call(SYS_SDEVIO, &m);
}

int sys_iopenable(endpoint_t proc)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_iopenable.endpt = proc;
	return _kernel_call(SYS_IOPENABLE, &m);
}

int sys_irqctl(int request, int irq, int policy, int *hook_id)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_irqctl.request = request;
	m.m_lsys_krn_sys_irqctl.vector = irq;
	m.m_lsys_krn_sys_irqctl.policy = policy;
	m.m_lsys_krn_sys_irqctl.hook_id = *hook_id;
	r = _kernel_call(SYS_IRQCTL, &m);
	if (r == OK && request == IRQ_SETPOLICY) {
		*hook_id = m.m_krn_lsys_sys_irqctl.hook_id;
	}
	return r;
}

/* On entry *hook_id is the notify id; on return it is the hook id for the other requests. */
int sys_irqsetpolicy(int irq, int policy, int *hook_id) { return sys_irqctl(IRQ_SETPOLICY, irq, policy, hook_id); }
int sys_irqrmpolicy(int *hook_id) { return sys_irqctl(IRQ_RMPOLICY, 0, 0, hook_id); }
int sys_irqenable(int *hook_id) { return sys_irqctl(IRQ_ENABLE, 0, 0, hook_id); }
int sys_irqdisable(int *hook_id) { return sys_irqctl(IRQ_DISABLE, 0, 0, hook_id); }
