package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class UmapCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc d = rig.sys("driver");

    private Message umap(int endpoint, int addr, int len) {
        return rig.kcall(d, request(SystemTask.SYS_UMAP, UmapCall.SRC_ENDPT, endpoint, UmapCall.SRC_ADDR, addr,
                UmapCall.NR_BYTES, len));
    }

    @Test
    void givesThePhysicalAddressOfTheCallersBuffer() {
        int addr = PagedKernelRig.DATA + 0x2345;
        Message r = umap(Endpoint.SELF, addr, 16);
        assertThat(r.type()).isEqualTo(Errno.OK);
        int pa = r.getInt(UmapCall.DST_ADDR);
        assertThat((long) pa).isEqualTo(rig.spaces.translate(d.context.cr3, addr));
        rig.put32(d, addr, 0x600DF00D);
        assertThat(rig.mem.read32(pa)).as("the same bytes, seen physically").isEqualTo(0x600DF00D);
    }

    @Test
    void aRangeOverPhysicallyScatteredPagesFaults() {
        // The rig maps DATA page by page from a fresh allocator, so neighbours are contiguous;
        // a page freed and re-mapped in between comes from elsewhere.
        int second = PagedKernelRig.DATA + 0x1000;
        rig.spaces.unmap(d.context.cr3, second, 0x1000);
        rig.frames.alloc();
        rig.spaces.map(d.context.cr3, second, 0x1000, true);
        assertThat(umap(Endpoint.SELF, PagedKernelRig.DATA + 0xF00, 0x200).type()).isEqualTo(Errno.EFAULT);
        assertThat(umap(Endpoint.SELF, second + 0x10, 0x100).type()).as("within one page it is fine").isEqualTo(Errno.OK);
    }

    @Test
    void unmappedMemoryFaultsOtherProcessesAreRefusedAndZeroBytesAreInvalid() {
        assertThat(umap(Endpoint.SELF, PagedKernelRig.UNMAPPED, 4).type()).isEqualTo(Errno.EFAULT);
        assertThat(umap(rig.sys("other").endpoint(), PagedKernelRig.DATA, 4).type()).isEqualTo(Errno.EPERM);
        assertThat(umap(Endpoint.SELF, PagedKernelRig.DATA, 0).type()).isEqualTo(Errno.EINVAL);
        assertThat(umap(Endpoint.NONE, PagedKernelRig.DATA, 4).type()).isEqualTo(Errno.EINVAL);
    }
}
