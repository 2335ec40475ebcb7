package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SafememsetCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc owner = rig.sys("owner");
    private final Proc fs = rig.sys("fs");
    private static final int DATA = PagedKernelRig.SCRATCH;

    private int memset(Proc caller, int granter, int gid, int offset, int pattern, int bytes) {
        return rig.kcall(caller, request(SystemTask.SYS_SAFEMEMSET, SafememsetCall.DST, granter, SafememsetCall.GID, gid,
                SafememsetCall.OFFSET, offset, SafememsetCall.PATTERN, pattern, SafememsetCall.BYTES, bytes)).type();
    }

    private String data() {
        byte[] b = new byte[12];
        rig.read(owner, DATA, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aWriteGrantLetsTheGranteeFillPartOfTheRangeWithTheLowByte() {
        rig.write(owner, DATA, "abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1));
        grants.register(owner);
        int gid = grants.direct(owner, 0, 3, fs.endpoint(), DATA, 12, Grants.CPF_WRITE);
        assertThat(memset(fs, owner.endpoint(), gid, 4, 0x1234_5658, 5)).isEqualTo(Errno.OK);
        assertThat(data()).isEqualTo("abcdXXXXXjkl");
    }

    @Test
    void aFillLargerThanAPageCoversEveryByte() {
        grants.register(owner);
        int gid = grants.direct(owner, 0, 0, fs.endpoint(), DATA, 0x2400, Grants.CPF_WRITE);
        assertThat(memset(fs, owner.endpoint(), gid, 0, 0xA5, 0x2400)).isEqualTo(Errno.OK);
        byte[] b = new byte[0x2400];
        rig.read(owner, DATA, b);
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("byte %d", i).isEqualTo((byte) 0xA5);
        }
    }

    @Test
    void theGrantMustAllowWritingThisRangeToThisCaller() {
        rig.write(owner, DATA, "abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1));
        grants.register(owner);
        int read = grants.direct(owner, 0, 0, fs.endpoint(), DATA, 12, Grants.CPF_READ);
        int write = grants.direct(owner, 1, 0, fs.endpoint(), DATA, 12, Grants.CPF_WRITE);
        assertThat(memset(fs, owner.endpoint(), read, 0, 0, 4)).as("a read grant").isEqualTo(Errno.EPERM);
        assertThat(memset(fs, owner.endpoint(), write, 10, 0, 4)).as("past the end").isEqualTo(Errno.EPERM);
        assertThat(memset(rig.sys("other"), owner.endpoint(), write, 0, 0, 4)).as("not the grantee").isEqualTo(Errno.EPERM);
        assertThat(memset(fs, owner.endpoint(), 5, 0, 0, 4)).as("a bad grant").isEqualTo(Errno.EPERM);
        assertThat(data()).as("nothing written").isEqualTo("abcdefghijkl");
    }

    @Test
    void badArgumentsAreRefusedAndTheKernelKeepsRunning() {
        grants.register(owner);
        int onRodata = grants.direct(owner, 0, 0, fs.endpoint(), PagedKernelRig.RODATA, 16, Grants.CPF_WRITE);
        int ok = grants.direct(owner, 1, 0, fs.endpoint(), DATA, 16, Grants.CPF_WRITE);
        assertThat(memset(fs, Endpoint.NONE, ok, 0, 0, 4)).as("a bad endpoint").isEqualTo(Errno.EINVAL);
        assertThat(memset(fs, owner.endpoint(), ok, 0, 0, -1)).as("a negative count").isEqualTo(Errno.EINVAL);
        assertThat(memset(fs, owner.endpoint(), onRodata, 0, 0, 4)).as("granted memory not writable").isEqualTo(Errno.EFAULT);
        assertThat(memset(fs, owner.endpoint(), ok, 0, '!', 2)).isEqualTo(Errno.OK);
        assertThat(data()).startsWith("!!");
    }
}
