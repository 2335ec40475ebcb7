package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class UmapRemoteCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc vm = rig.sys("vm");
    private final Proc owner = rig.sys("owner");
    private final Proc fs = rig.sys("fs");
    private static final int DATA = PagedKernelRig.SCRATCH;

    private Message umap(int src, int grantee, int segment, int addr, int len) {
        return rig.kcall(vm, request(SystemTask.SYS_UMAP_REMOTE, UmapCall.SRC_ENDPT, src, UmapCall.DST_ENDPT, grantee,
                UmapCall.SEGMENT, segment, UmapCall.SRC_ADDR, addr, UmapCall.NR_BYTES, len));
    }

    private long phys(Proc p, int addr) {
        return rig.spaces.translate(p.context.cr3, addr);
    }

    @Test
    void aVirtualAddressInAnotherProcessGivesItsPhysicalAddress() {
        Message r = umap(owner.endpoint(), Endpoint.NONE, UmapRemoteCall.VM_D, DATA + 0x10, 16);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(UmapCall.DST_ADDR) & 0xFFFFFFFFL).isEqualTo(phys(owner, DATA + 0x10)).isGreaterThan(0x100000);
        assertThat(umap(owner.endpoint(), Endpoint.NONE, 0, DATA + 0x10, 16).getInt(UmapCall.DST_ADDR))
                .as("segment type 0 is the same virtual lookup").isEqualTo(r.getInt(UmapCall.DST_ADDR));
    }

    @Test
    void aGrantIsResolvedForItsGranteeToTheGrantedMemory() {
        grants.register(owner);
        int gid = grants.direct(owner, 1, 4, fs.endpoint(), DATA + 0x100, 32, Grants.CPF_READ);
        Message r = umap(owner.endpoint(), fs.endpoint(), UmapRemoteCall.VM_GRANT, gid, 32);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(UmapCall.DST_ADDR) & 0xFFFFFFFFL).isEqualTo(phys(owner, DATA + 0x100));
        assertThat(umap(owner.endpoint(), Endpoint.SELF, UmapRemoteCall.VM_GRANT, gid, 32).type())
                .as("the caller is not the grantee").isEqualTo(Errno.EFAULT);
        assertThat(umap(owner.endpoint(), fs.endpoint(), UmapRemoteCall.VM_GRANT, gid, 33).type())
                .as("more than granted").isEqualTo(Errno.EFAULT);
        assertThat(umap(owner.endpoint(), fs.endpoint(), UmapRemoteCall.VM_GRANT, 0x7777, 4).type())
                .as("a bad grant").isEqualTo(Errno.EFAULT);
    }

    @Test
    void aRangeMustBeMappedAndPhysicallyContiguous() {
        int area = 0x00700000;
        rig.spaces.map(owner.context.cr3, area, 0x1000, true);
        rig.spaces.map(fs.context.cr3, 0x00700000, 0x1000, true); // takes the next frame
        rig.spaces.map(owner.context.cr3, area + 0x1000, 0x1000, true);
        assertThat(phys(owner, area + 0x1000)).isNotEqualTo(phys(owner, area) + 0x1000);
        assertThat(umap(owner.endpoint(), Endpoint.NONE, UmapRemoteCall.VM_D, area + 0xFF0, 0x20).type())
                .isEqualTo(Errno.EFAULT);
        assertThat(umap(owner.endpoint(), Endpoint.NONE, UmapRemoteCall.VM_D, area + 0xFE0, 0x20).type())
                .as("within one page").isEqualTo(Errno.OK);
        assertThat(umap(owner.endpoint(), Endpoint.NONE, UmapRemoteCall.VM_D, PagedKernelRig.UNMAPPED, 4).type())
                .isEqualTo(Errno.EFAULT);
    }

    @Test
    void badEndpointsCountsAndSegmentsAreInvalidAndUnprivilegedCallersDenied() {
        assertThat(umap(Endpoint.NONE, Endpoint.NONE, UmapRemoteCall.VM_D, DATA, 4).type()).isEqualTo(Errno.EINVAL);
        assertThat(umap(Endpoint.SYSTEM, Endpoint.NONE, UmapRemoteCall.VM_D, DATA, 4).type()).as("a kernel task")
                .isEqualTo(Errno.EINVAL);
        assertThat(umap(owner.endpoint(), Endpoint.NONE, UmapRemoteCall.VM_D, DATA, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(umap(owner.endpoint(), Endpoint.NONE, 0x0400, DATA, 4).type()).as("PHYS_SEG").isEqualTo(Errno.EINVAL);
        vm.priv().kCallMask &= ~(1L << (SystemTask.SYS_UMAP_REMOTE - SystemTask.KERNEL_CALL));
        assertThat(umap(owner.endpoint(), Endpoint.NONE, UmapRemoteCall.VM_D, DATA, 4).type()).isEqualTo(Errno.ECALLDENIED);
    }
}
