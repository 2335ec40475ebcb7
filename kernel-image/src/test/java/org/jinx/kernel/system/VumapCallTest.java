package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class VumapCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc drv = rig.sys("driver");
    private final Proc fs = rig.sys("fs");
    private static final int VVEC = PagedKernelRig.SCRATCH;
    private static final int PVEC = PagedKernelRig.SCRATCH + 0x400;
    private static final int AREA = 0x00700000;

    /** Writes {addr-or-grant, size, ...} as struct vumap_vir[] into the driver. */
    private void vvec(int... fields) {
        for (int i = 0; i < fields.length; i++) {
            rig.put32(drv, VVEC + 4 * i, fields[i]);
        }
    }

    private Message vumap(int endpt, int vcount, int pmax, int access, int offset) {
        return rig.kcall(drv, request(SystemTask.SYS_VUMAP, VumapCall.ENDPT, endpt, VumapCall.VADDR, VVEC,
                VumapCall.VCOUNT, vcount, VumapCall.PADDR, PVEC, VumapCall.PMAX, pmax, VumapCall.ACCESS, access,
                VumapCall.OFFSET, offset));
    }

    private long phys(Proc p, int v) {
        return rig.spaces.translate(p.context.cr3, v);
    }

    private long[] out(int i) {
        return new long[] {rig.get32(drv, PVEC + 8 * i) & 0xFFFFFFFFL, rig.get32(drv, PVEC + 8 * i + 4)};
    }

    /** Two pages at AREA that are not physically adjacent. */
    private void splitArea(Proc p) {
        rig.spaces.map(p.context.cr3, AREA, 0x1000, true);
        rig.spaces.map(rig.sys("spacer").context.cr3, AREA, 0x1000, true);
        rig.spaces.map(p.context.cr3, AREA + 0x1000, 0x1000, true);
        assertThat(phys(p, AREA + 0x1000)).isNotEqualTo(phys(p, AREA) + 0x1000);
    }

    @Test
    void ownRangesBecomeOnePhysicalRangePerContiguousRunWithTheOffsetOnTheFirst() {
        splitArea(drv);
        vvec(AREA + 0xF00, 0x300, PagedKernelRig.SCRATCH + 0x800, 0x10);
        Message r = vumap(Endpoint.SELF, 2, 8, VumapCall.VUA_READ, 0x40);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(VumapCall.PCOUNT)).isEqualTo(3);
        assertThat(out(0)).containsExactly(phys(drv, AREA + 0xF40), 0xC0);
        assertThat(out(1)).containsExactly(phys(drv, AREA + 0x1000), 0x200);
        assertThat(out(2)).containsExactly(phys(drv, PagedKernelRig.SCRATCH + 0x800), 0x10);
    }

    @Test
    void theOutputStopsWhenFullWithoutAnError() {
        splitArea(drv);
        vvec(AREA + 0xF00, 0x300, PagedKernelRig.SCRATCH + 0x800, 0x10);
        Message r = vumap(Endpoint.SELF, 2, 1, VumapCall.VUA_READ, 0);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(VumapCall.PCOUNT)).isEqualTo(1);
        assertThat(out(0)).containsExactly(phys(drv, AREA + 0xF00), 0x100);
    }

    @Test
    void grantsAreCheckedForTheAccessAsked() {
        grants.register(fs);
        int gid = grants.direct(fs, 0, 1, drv.endpoint(), PagedKernelRig.SCRATCH + 0x100, 0x80, Grants.CPF_WRITE);
        vvec(gid, 0x80);
        Message r = vumap(fs.endpoint(), 1, 4, VumapCall.VUA_WRITE, 0x20);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(VumapCall.PCOUNT)).isEqualTo(1);
        assertThat(out(0)).containsExactly(phys(fs, PagedKernelRig.SCRATCH + 0x120), 0x60);
        assertThat(vumap(fs.endpoint(), 1, 4, VumapCall.VUA_READ, 0).type()).as("a write grant, read asked")
                .isEqualTo(Errno.EPERM);
        vvec(0x4444, 0x80);
        assertThat(vumap(fs.endpoint(), 1, 4, VumapCall.VUA_WRITE, 0).type()).as("a bad grant").isEqualTo(Errno.EPERM);
    }

    @Test
    void badArgumentsAreRefused() {
        vvec(PagedKernelRig.SCRATCH + 0x800, 0x10);
        assertThat(vumap(Endpoint.SELF, 0, 4, VumapCall.VUA_READ, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vumap(Endpoint.SELF, 1, 0, VumapCall.VUA_READ, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vumap(Endpoint.SELF, 1, 4, 4, 0).type()).as("bad access").isEqualTo(Errno.EINVAL);
        assertThat(vumap(Endpoint.SELF, 1, 4, VumapCall.VUA_READ, 0x10).type()).as("offset past the element")
                .isEqualTo(Errno.EINVAL);
        assertThat(vumap(Endpoint.NONE, 1, 4, VumapCall.VUA_READ, 0).type()).as("bad endpoint").isEqualTo(Errno.EINVAL);
        vvec(PagedKernelRig.UNMAPPED, 0x10);
        assertThat(vumap(Endpoint.SELF, 1, 4, VumapCall.VUA_READ, 0).type()).isEqualTo(Errno.EFAULT);
        vvec(PagedKernelRig.RODATA, 0x10);
        assertThat(vumap(Endpoint.SELF, 1, 4, VumapCall.VUA_READ, 0).type()).isEqualTo(Errno.OK);
        assertThat(vumap(Endpoint.SELF, 1, 4, VumapCall.VUA_WRITE, 0).type()).as("the device would write read-only memory")
                .isEqualTo(Errno.EFAULT);
        assertThat(rig.kcall(drv, request(SystemTask.SYS_VUMAP, VumapCall.ENDPT, Endpoint.SELF, VumapCall.VADDR,
                PagedKernelRig.UNMAPPED, VumapCall.VCOUNT, 1, VumapCall.PADDR, PVEC, VumapCall.PMAX, 1,
                VumapCall.ACCESS, VumapCall.VUA_READ)).type()).as("an unreadable input vector").isEqualTo(Errno.EFAULT);
    }
}
