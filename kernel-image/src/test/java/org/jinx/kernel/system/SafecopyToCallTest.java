package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SafecopyToCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc owner = rig.sys("owner");
    private final Proc drv = rig.sys("driver");
    private static final int BUF = PagedKernelRig.SCRATCH;
    private static final int FROM = PagedKernelRig.SCRATCH + 0x100;

    private String ownerBuffer(int len) {
        byte[] b = new byte[len];
        rig.read(owner, BUF, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aWriteGrantLetsTheGranteeFillTheGrantedRange() {
        grants.register(owner);
        int gid = grants.direct(owner, 0, 1, drv.endpoint(), BUF, 16, Grants.CPF_WRITE);
        rig.write(drv, FROM, "sector".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYTO, drv, owner.endpoint(), gid, 4, FROM, 6)).isEqualTo(Errno.OK);
        assertThat(ownerBuffer(10)).isEqualTo("\0\0\0\0sector");
    }

    @Test
    void aReadOnlyGrantCannotBeWrittenThrough() {
        grants.register(owner);
        int gid = grants.direct(owner, 0, 1, drv.endpoint(), BUF, 16, Grants.CPF_READ);
        rig.write(drv, FROM, "x".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYTO, drv, owner.endpoint(), gid, 0, FROM, 1)).isEqualTo(Errno.EPERM);
        assertThat(ownerBuffer(1)).isEqualTo("\0");
    }

    @Test
    void aGrantOverTheGrantersReadOnlyMemoryFaults() {
        grants.register(owner);
        int gid = grants.direct(owner, 0, 1, drv.endpoint(), PagedKernelRig.RODATA, 16, Grants.CPF_WRITE);
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYTO, drv, owner.endpoint(), gid, 0, FROM, 4)).isEqualTo(Errno.EFAULT);
    }
}
