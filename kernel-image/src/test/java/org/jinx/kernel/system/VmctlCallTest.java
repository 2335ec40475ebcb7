package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.mem.GuestMemory;
import org.junit.jupiter.api.Test;

class VmctlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc child = rig.user("child");
    private static final int AREA = 0x08048000;

    private Message vmctl(int who, int param, int addr, int len, int flags) {
        return rig.kcall(pm, request(SystemTask.SYS_VMCTL, VmctlCall.WHO, who, VmctlCall.PARAM, param,
                VmctlCall.ADDR, addr, VmctlCall.LEN, len, VmctlCall.FLAGS, flags));
    }

    private GuestMemory.Result probe(Proc p, int addr, boolean write) {
        return rig.guest.probe(p.context.cr3, addr, 4, write);
    }

    @Test
    void mapGivesZeroedPagesAndProtectAndUnmapTakeRightsAway() {
        assertThat(probe(child, AREA, false)).isEqualTo(GuestMemory.Result.NOT_PRESENT);
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_MAP, AREA, 0x2000, VmctlCall.VMCTL_JINX_WRITABLE)
                .type()).isEqualTo(Errno.OK);
        assertThat(probe(child, AREA + 0x1FFC, true)).isEqualTo(GuestMemory.Result.OK);
        assertThat(rig.get32(child, AREA + 0x100)).isZero();
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_PROTECT, AREA, 0x1000, 0).type()).isEqualTo(Errno.OK);
        assertThat(probe(child, AREA, true)).isEqualTo(GuestMemory.Result.PROTECTION);
        assertThat(probe(child, AREA, false)).isEqualTo(GuestMemory.Result.OK);
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_UNMAP, AREA, 0x2000, 0).type()).isEqualTo(Errno.OK);
        assertThat(probe(child, AREA + 0x1000, false)).isEqualTo(GuestMemory.Result.NOT_PRESENT);
    }

    @Test
    void unmappingChangesTheMappingEpochSoTheCpuDropsItsTlb() {
        vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_MAP, AREA, 0x1000, VmctlCall.VMCTL_JINX_WRITABLE);
        long before = rig.kernel.mappingEpoch();
        vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_UNMAP, AREA, 0x1000, 0);
        assertThat(rig.kernel.mappingEpoch()).isNotEqualTo(before);
    }

    @Test
    void newSpaceEmptiesAnotherProcessesMemoryAndFreesTheOld() {
        int old = child.context.cr3;
        int free = rig.spaces.freePages();
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_NEWSPACE, 0, 0, 0).type()).isEqualTo(Errno.OK);
        assertThat(child.context.cr3).isNotEqualTo(old);
        assertThat(probe(child, PagedKernelRig.DATA, false)).isEqualTo(GuestMemory.Result.NOT_PRESENT);
        assertThat(rig.spaces.freePages()).isGreaterThan(free);
        assertThat(vmctl(Endpoint.SELF, VmctlCall.VMCTL_JINX_NEWSPACE, 0, 0, 0).type()).as("not one's own")
                .isEqualTo(Errno.EPERM);
    }

    @Test
    void getPdbrAndTheInhibitFlags() {
        Message r = vmctl(child.endpoint(), VmctlCall.VMCTL_GET_PDBR, 0, 0, 0);
        assertThat(r.getInt(VmctlCall.VALUE)).isEqualTo(child.context.cr3);
        vmctl(child.endpoint(), VmctlCall.VMCTL_VMINHIBIT_SET, 0, 0, 0);
        assertThat(child.hasRts(RtsFlag.VMINHIBIT)).isTrue();
        vmctl(child.endpoint(), VmctlCall.VMCTL_VMINHIBIT_CLEAR, 0, 0, 0);
        assertThat(child.isRunnable()).isTrue();
        child.setRts(RtsFlag.BOOTINHIBIT);
        vmctl(child.endpoint(), VmctlCall.VMCTL_BOOTINHIBIT_CLEAR, 0, 0, 0);
        assertThat(child.isRunnable()).isTrue();
    }

    @Test
    void unalignedRangesUnknownParamsAndBadTargetsAreInvalidAndNoMemoryIsENOMEM() {
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_MAP, AREA + 4, 0x1000, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_MAP, AREA, 0x800, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_MAP, 0xFFFFF000, 0x2000, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vmctl(child.endpoint(), 99, 0, 0, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vmctl(Endpoint.NONE, VmctlCall.VMCTL_GET_PDBR, 0, 0, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(vmctl(child.endpoint(), VmctlCall.VMCTL_JINX_MAP, AREA, 0x40000000, 0).type()).isEqualTo(Errno.ENOMEM);
        assertThat(probe(child, AREA, false)).as("all or nothing").isEqualTo(GuestMemory.Result.NOT_PRESENT);
    }
}
