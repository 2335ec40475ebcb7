/* Kernel-call wrappers: copies, grants, address spaces. */
#include <errno.h>
#include <string.h>
#include <minix/syslib.h>

/* SYS_VIRCOPY and SYS_PHYSCOPY share one request: bytes from src_proc's src_addr to
 * dst_proc's dst_addr (NONE for a physical address), with PHYSCOPY's flags. */
static int copy(int call, endpoint_t src_proc, vir_bytes src_addr, endpoint_t dst_proc, vir_bytes dst_addr,
	phys_bytes bytes, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_copy.src_endpt = src_proc;
	m.m_lsys_krn_sys_copy.src_addr = src_addr;
	m.m_lsys_krn_sys_copy.dst_endpt = dst_proc;
	m.m_lsys_krn_sys_copy.dst_addr = dst_addr;
	m.m_lsys_krn_sys_copy.nr_bytes = bytes;
	m.m_lsys_krn_sys_copy.flags = flags;
	return _kernel_call(call, &m);
}

int sys_vircopy(endpoint_t src_proc, vir_bytes src_addr, endpoint_t dst_proc, vir_bytes dst_addr, phys_bytes bytes)
{
	return copy(SYS_VIRCOPY, src_proc, src_addr, dst_proc, dst_addr, bytes, 0);
}

int sys_physcopy(endpoint_t src_proc, vir_bytes src_addr, endpoint_t dst_proc, vir_bytes dst_addr, phys_bytes bytes,
	int flags)
{
	return copy(SYS_PHYSCOPY, src_proc, src_addr, dst_proc, dst_addr, bytes, flags);
}

int sys_memset(endpoint_t who, unsigned long pattern, phys_bytes base, phys_bytes bytes)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_memset.process = who;
	m.m_lsys_krn_sys_memset.pattern = pattern;
	m.m_lsys_krn_sys_memset.base = base;
	m.m_lsys_krn_sys_memset.count = bytes;
	return _kernel_call(SYS_MEMSET, &m);
}

/* SYS_UMAP and SYS_UMAP_REMOTE share one request: the physical address of proc's addr, as seen
 * by grantee (SELF for SYS_UMAP). */
static int umap(int call, endpoint_t proc, endpoint_t grantee, int segment, vir_bytes addr, vir_bytes bytes,
	phys_bytes *phys)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_umap.src_endpt = proc;
	m.m_lsys_krn_sys_umap.dst_endpt = grantee;
	m.m_lsys_krn_sys_umap.segment = segment;
	m.m_lsys_krn_sys_umap.src_addr = addr;
	m.m_lsys_krn_sys_umap.nr_bytes = bytes;
	r = _kernel_call(call, &m);
	if (r == OK) {
		*phys = m.m_krn_lsys_sys_umap.dst_addr;
	}
	return r;
}

int sys_umap(endpoint_t proc, int segment, vir_bytes addr, vir_bytes bytes, phys_bytes *phys)
{
	return umap(SYS_UMAP, proc, SELF, segment, addr, bytes, phys);
}

int sys_umap_remote(endpoint_t proc, endpoint_t grantee, int segment, vir_bytes addr, vir_bytes bytes,
	phys_bytes *phys)
{
	return umap(SYS_UMAP_REMOTE, proc, grantee, segment, addr, bytes, phys);
}

int sys_vumap(endpoint_t endpt, struct vumap_vir *vvec, int vcount, size_t offset, int access,
	struct vumap_phys *pvec, int *pcount)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_vumap.endpt = endpt;
	m.m_lsys_krn_sys_vumap.vaddr = (vir_bytes) vvec;
	m.m_lsys_krn_sys_vumap.vcount = vcount;
	m.m_lsys_krn_sys_vumap.offset = offset;
	m.m_lsys_krn_sys_vumap.access = access;
	m.m_lsys_krn_sys_vumap.paddr = (vir_bytes) pvec;
	m.m_lsys_krn_sys_vumap.pmax = *pcount;
	r = _kernel_call(SYS_VUMAP, &m);
	if (r == OK) {
		*pcount = m.m_krn_lsys_sys_vumap.pcount;
	}
	return r;
}

static int safecopy(int call, endpoint_t who, cp_grant_id_t gid, vir_bytes offset, vir_bytes address, size_t bytes)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_kern_safecopy.from_to = who;
	m.m_lsys_kern_safecopy.gid = gid;
	m.m_lsys_kern_safecopy.offset = offset;
	m.m_lsys_kern_safecopy.address = address;
	m.m_lsys_kern_safecopy.bytes = bytes;
	return _kernel_call(call, &m);
}

int sys_safecopyfrom(endpoint_t from, cp_grant_id_t gid, vir_bytes offset, vir_bytes address, size_t bytes)
{
	return safecopy(SYS_SAFECOPYFROM, from, gid, offset, address, bytes);
}

int sys_safecopyto(endpoint_t to, cp_grant_id_t gid, vir_bytes offset, vir_bytes address, size_t bytes)
{
	return safecopy(SYS_SAFECOPYTO, to, gid, offset, address, bytes);
}

int sys_vsafecopy(struct vscp_vec *vec, int count)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_kern_vsafecopy.vec_addr = vec;
	m.m_lsys_kern_vsafecopy.vec_size = count;
	return _kernel_call(SYS_VSAFECOPY, &m);
}

int sys_safememset(endpoint_t dst, cp_grant_id_t gid, vir_bytes offset, int pattern, size_t bytes)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.SMS_DST = dst;
	m.SMS_GID = gid;
	m.SMS_OFFSET = offset;
	m.SMS_PATTERN = pattern;
	m.SMS_BYTES = bytes;
	return _kernel_call(SYS_SAFEMEMSET, &m);
}

int sys_setgrant(void *table, int entries)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_setgrant.addr = (vir_bytes) table;
	m.m_lsys_krn_sys_setgrant.size = entries;
	return _kernel_call(SYS_SETGRANT, &m);
}

static int vmctl(endpoint_t who, int param, uint32_t value, vir_bytes addr, vir_bytes len, int flags, uint32_t *out)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_vmctl.who = who;
	m.m_lsys_krn_sys_vmctl.param = param;
	m.m_lsys_krn_sys_vmctl.value = value;
	m.m_lsys_krn_sys_vmctl.addr = addr;
	m.m_lsys_krn_sys_vmctl.len = len;
	m.m_lsys_krn_sys_vmctl.flags = flags;
	r = _kernel_call(SYS_VMCTL, &m);
	if (out != NULL) {
		*out = m.m_lsys_krn_sys_vmctl.value;
	}
	return r;
}

int sys_vmctl(endpoint_t who, int param, uint32_t value)
{
	return vmctl(who, param, value, 0, 0, 0, NULL);
}

int sys_vmctl_get_pdbr(endpoint_t who, uint32_t *pdbr)
{
	return vmctl(who, VMCTL_GET_PDBR, 0, 0, 0, 0, pdbr);
}

int sys_vmmap(endpoint_t who, vir_bytes addr, vir_bytes len, int writable)
{
	return vmctl(who, VMCTL_JINX_MAP, 0, addr, len, writable ? VMCTL_JINX_WRITABLE : 0, NULL);
}

int sys_vmunmap(endpoint_t who, vir_bytes addr, vir_bytes len)
{
	return vmctl(who, VMCTL_JINX_UNMAP, 0, addr, len, 0, NULL);
}

int sys_vmnewspace(endpoint_t who)
{
	return vmctl(who, VMCTL_JINX_NEWSPACE, 0, 0, 0, 0, NULL);
}
