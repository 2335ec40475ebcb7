package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class VsafecopyCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc owner = rig.sys("owner");
    private final Proc driver = rig.sys("driver");
    private static final int DATA = PagedKernelRig.SCRATCH;
    private static final int VEC = PagedKernelRig.SCRATCH + 0x200;
    private static final int BUF = PagedKernelRig.SCRATCH + 0x800;

    private int readGrant;
    private int writeGrant;

    private void grantsMade() {
        rig.write(owner, DATA, "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(grants.register(owner)).isEqualTo(Errno.OK);
        readGrant = grants.direct(owner, 0, 1, driver.endpoint(), DATA, 16, Grants.CPF_READ);
        writeGrant = grants.direct(owner, 1, 1, driver.endpoint(), DATA + 0x40, 16, Grants.CPF_WRITE);
    }

    /** Writes the vector {from, to, gid, offset, addr, bytes, ...} into the driver's memory. */
    private void vector(int... fields) {
        ByteBuffer b = ByteBuffer.allocate(fields.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : fields) {
            b.putInt(f);
        }
        rig.write(driver, VEC, b.array());
    }

    private int vsafecopy(int count) {
        return rig.kcall(driver, request(SystemTask.SYS_VSAFECOPY, VsafecopyCall.VEC_ADDR, VEC,
                VsafecopyCall.VEC_SIZE, count)).type();
    }

    private String read(Proc p, int at, int len) {
        byte[] b = new byte[len];
        rig.read(p, at, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aVectorOfCopiesGoesBothWaysInOrder() {
        grantsMade();
        int self = Endpoint.SELF;
        int o = owner.endpoint();
        rig.write(driver, BUF + 0x100, "WXYZ".getBytes(StandardCharsets.ISO_8859_1));
        vector(o, self, readGrant, 2, BUF, 4,             // from the owner into the driver
                o, self, readGrant, 10, BUF + 4, 6,
                self, o, writeGrant, 3, BUF + 0x100, 4);  // from the driver into the owner
        assertThat(vsafecopy(3)).isEqualTo(Errno.OK);
        assertThat(read(driver, BUF, 10)).isEqualTo("2345abcdef");
        assertThat(read(owner, DATA + 0x43, 4)).isEqualTo("WXYZ");
    }

    @Test
    void theFirstFailingElementIsTheResultAndTheCopiesBeforeItStay() {
        grantsMade();
        int o = owner.endpoint();
        vector(o, Endpoint.SELF, readGrant, 0, BUF, 4,
                Endpoint.SELF, o, readGrant, 0, BUF, 4,     // writing through a read grant
                o, Endpoint.SELF, readGrant, 0, BUF + 8, 4);
        assertThat(vsafecopy(3)).isEqualTo(Errno.EPERM);
        assertThat(read(driver, BUF, 4)).isEqualTo("0123");
        assertThat(read(driver, BUF + 8, 4)).as("the element after the failure did not run").isEqualTo("\0\0\0\0");
    }

    @Test
    void anElementMustNameTheCallerOnExactlyOneSide() {
        grantsMade();
        int o = owner.endpoint();
        vector(o, o, readGrant, 0, BUF, 4);
        assertThat(vsafecopy(1)).isEqualTo(Errno.EINVAL);
        vector(Endpoint.SELF, Endpoint.SELF, readGrant, 0, BUF, 4);
        assertThat(vsafecopy(1)).isEqualTo(Errno.EINVAL);
    }

    @Test
    void badCountsBadVectorsAndBadGrantersAreRefusedAndTheKernelKeepsRunning() {
        grantsMade();
        assertThat(vsafecopy(VsafecopyCall.SCPVEC_NR + 1)).as("too many elements").isEqualTo(Errno.EINVAL);
        assertThat(vsafecopy(-1)).isEqualTo(Errno.EINVAL);
        assertThat(rig.kcall(driver, request(SystemTask.SYS_VSAFECOPY, VsafecopyCall.VEC_ADDR, PagedKernelRig.UNMAPPED,
                VsafecopyCall.VEC_SIZE, 1)).type()).as("an unmapped vector").isEqualTo(Errno.EFAULT);
        vector(Endpoint.NONE, Endpoint.SELF, readGrant, 0, BUF, 4);
        assertThat(vsafecopy(1)).as("a bad endpoint").isEqualTo(Errno.EINVAL);
        vector(owner.endpoint(), Endpoint.SELF, 0x7FFF, 0, BUF, 4);
        assertThat(vsafecopy(1)).as("a bad grant").isEqualTo(Errno.EPERM);
        vector(owner.endpoint(), Endpoint.SELF, readGrant, 0, PagedKernelRig.RODATA, 4);
        assertThat(vsafecopy(1)).as("a read-only destination").isEqualTo(Errno.EFAULT);
        assertThat(vsafecopy(0)).as("an empty vector").isEqualTo(Errno.OK);
        vector(owner.endpoint(), Endpoint.SELF, readGrant, 0, BUF, 4);
        assertThat(vsafecopy(1)).as("still serving after the errors").isEqualTo(Errno.OK);
    }

    @Test
    void aProcessWithoutTheCallIsDenied() {
        driver.priv().kCallMask &= ~(1L << (SystemTask.SYS_VSAFECOPY - SystemTask.KERNEL_CALL));
        assertThat(vsafecopy(0)).isEqualTo(Errno.ECALLDENIED);
    }
}
