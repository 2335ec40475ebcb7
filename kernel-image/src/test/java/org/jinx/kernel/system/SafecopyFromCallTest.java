package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SafecopyFromCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc owner = rig.sys("owner");
    private final Proc fs = rig.sys("fs");
    private static final int DATA = PagedKernelRig.SCRATCH;
    private static final int INTO = PagedKernelRig.SCRATCH + 0x100;

    private void data() {
        rig.write(owner, DATA, "granted bytes".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(grants.register(owner)).isEqualTo(Errno.OK);
    }

    private int from(Proc caller, int gid, int offset, int bytes) {
        return grants.copy(SystemTask.SYS_SAFECOPYFROM, caller, owner.endpoint(), gid, offset, INTO, bytes);
    }

    private String got(int len) {
        byte[] b = new byte[len];
        rig.read(fs, INTO, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aReadGrantLetsTheGranteeCopyTheGrantedRangeAtAnOffset() {
        data();
        int gid = grants.direct(owner, 2, 5, fs.endpoint(), DATA, 13, Grants.CPF_READ);
        assertThat(from(fs, gid, 8, 5)).isEqualTo(Errno.OK);
        assertThat(got(5)).isEqualTo("bytes");
    }

    @Test
    void aGrantToAnyoneWorksForAnyone() {
        data();
        int gid = grants.direct(owner, 0, 1, Endpoint.ANY, DATA, 13, Grants.CPF_READ);
        assertThat(from(fs, gid, 0, 7)).isEqualTo(Errno.OK);
        assertThat(got(7)).isEqualTo("granted");
    }

    @Test
    void theGrantsLimitsAreEnforced() {
        data();
        int gid = grants.direct(owner, 1, 3, fs.endpoint(), DATA, 13, Grants.CPF_READ);
        assertThat(from(fs, gid, 10, 4)).as("past the end").isEqualTo(Errno.EPERM);
        assertThat(from(fs, gid, -1, 1)).as("a huge offset").isEqualTo(Errno.EPERM);
        assertThat(from(rig.sys("other"), gid, 0, 4)).as("not the grantee").isEqualTo(Errno.EPERM);
        assertThat(from(fs, gid + (1 << Grants.GRANT_SHIFT), 0, 4)).as("stale sequence").isEqualTo(Errno.EPERM);
        assertThat(from(fs, 7, 0, 4)).as("an empty slot").isEqualTo(Errno.EPERM);
        assertThat(from(fs, GrantRig.ENTRIES, 0, 4)).as("past the table").isEqualTo(Errno.EPERM);
        assertThat(from(fs, -1, 0, 4)).as("GRANT_INVALID").isEqualTo(Errno.EPERM);
        int writeOnly = grants.direct(owner, 2, 1, fs.endpoint(), DATA, 13, Grants.CPF_WRITE);
        assertThat(from(fs, writeOnly, 0, 4)).isEqualTo(Errno.EPERM);
        assertThat(got(4)).as("nothing was copied").isEqualTo("\0\0\0\0");
    }

    @Test
    void anIndirectGrantPassesOnAccessTheGranterHas() {
        data();
        Proc middle = rig.sys("vfs");
        int toMiddle = grants.direct(owner, 0, 1, middle.endpoint(), DATA, 13, Grants.CPF_READ);
        // middle's own table holds the indirect grant to fs.
        rig.write(middle, GrantRig.TABLE, new byte[64]);
        grants.register(middle);
        int passed = grants.indirect(middle, 0, 1, fs.endpoint(), owner.endpoint(), toMiddle, Grants.CPF_READ);
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYFROM, fs, middle.endpoint(), passed, 0, INTO, 7)).isEqualTo(Errno.OK);
        assertThat(got(7)).isEqualTo("granted");
    }

    @Test
    void aTableRegisteredUnderAnotherEndpointServesOnlyThatEndpointUntilReloaded() {
        data();
        int gid = grants.direct(owner, 0, 0, Endpoint.ANY, DATA, 13, Grants.CPF_READ);
        owner.priv().grantEndpoint = fs.endpoint(); // as right after a live-update swap (spec 5.7)
        assertThat(from(fs, gid, 0, 7)).isEqualTo(Errno.OK);
        assertThat(from(rig.sys("third"), gid, 0, 7)).isEqualTo(Errno.ENOTREADY);
    }

    @Test
    void badGranterBadBufferAndNoTable() {
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYFROM, fs, Endpoint.NONE, 0, 0, INTO, 4)).isEqualTo(Errno.EINVAL);
        assertThat(from(fs, 0, 0, 4)).as("no table registered").isEqualTo(Errno.EPERM);
        data();
        int gid = grants.direct(owner, 0, 1, fs.endpoint(), DATA, 13, Grants.CPF_READ);
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYFROM, fs, owner.endpoint(), gid, 0, PagedKernelRig.RODATA, 4))
                .isEqualTo(Errno.EFAULT);
        assertThat(from(fs, gid, 0, -1)).isEqualTo(Errno.EINVAL);
        owner.priv().grantTable = PagedKernelRig.UNMAPPED;
        assertThat(from(fs, gid, 0, 4)).as("the table itself is unreadable").isEqualTo(Errno.EFAULT);
    }
}
