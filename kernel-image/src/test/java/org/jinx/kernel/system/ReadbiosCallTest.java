package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class ReadbiosCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc drv = rig.sys("driver");
    private static final int BUF = PagedKernelRig.SCRATCH;

    private int readbios(int addr, int buf, int size) {
        return rig.kcall(drv, request(SystemTask.SYS_READBIOS, ReadbiosCall.ADDR, addr, ReadbiosCall.BUF, buf,
                ReadbiosCall.SIZE, size)).type();
    }

    @Test
    void theBiosDataAreaAndTheUpperAreaAreReadable() {
        rig.mem.write16(0x400, 0x3F8);                  // COM1's base port, where the BIOS keeps it
        rig.mem.write32(0xFFFF0, 0xE05BEAFC);
        assertThat(readbios(0x400, BUF, 2)).isEqualTo(Errno.OK);
        assertThat(rig.get32(drv, BUF) & 0xFFFF).isEqualTo(0x3F8);
        assertThat(readbios(0xFFFF0, BUF + 8, 16)).as("up to the last byte below 1 MiB").isEqualTo(Errno.OK);
        assertThat(rig.get32(drv, BUF + 8)).isEqualTo(0xE05BEAFC);
        assertThat(readbios(0x9FC00, BUF, 0x400)).as("the extended BIOS data area").isEqualTo(Errno.OK);
        assertThat(readbios(0xF0000, BUF, 0xF000)).as("most of the ROM at once").isEqualTo(Errno.OK);
    }

    @Test
    void anythingElseOfPhysicalMemoryIsRefused() {
        assertThat(readbios(0x500, BUF, 4)).as("conventional memory").isEqualTo(Errno.EPERM);
        assertThat(readbios(0x4FE, BUF, 4)).as("straddling the end of the data area").isEqualTo(Errno.EPERM);
        assertThat(readbios(0xFFFFE, BUF, 4)).as("running past 1 MiB").isEqualTo(Errno.EPERM);
        assertThat(readbios(0x100000, BUF, 4)).as("process memory").isEqualTo(Errno.EPERM);
        assertThat(readbios(-2, BUF, 4)).as("wrapping").isEqualTo(Errno.EPERM);
    }

    @Test
    void badSizesAndBuffersAreRefused() {
        rig.write(drv, BUF, new byte[] {9, 9});
        assertThat(readbios(0x400, BUF, -1)).isEqualTo(Errno.EINVAL);
        assertThat(readbios(0x400, PagedKernelRig.RODATA, 4)).isEqualTo(Errno.EFAULT);
        assertThat(readbios(0x400, PagedKernelRig.UNMAPPED, 4)).isEqualTo(Errno.EFAULT);
        assertThat(readbios(0x400, BUF, 0)).as("nothing to read").isEqualTo(Errno.OK);
        assertThat(rig.get32(drv, BUF) & 0xFFFF).isEqualTo(0x0909);
        assertThat(rig.kcall(rig.user("u"), request(SystemTask.SYS_READBIOS)).type()).isEqualTo(Errno.ECALLDENIED);
    }
}
