package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.clock.ClockTask;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class GetinfoCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc p = rig.sys("svc");
    private static final int BUF = PagedKernelRig.SCRATCH;

    private Message getinfo(int req, int endpoint, int ptr, int len) {
        return rig.kcall(p, request(SystemTask.SYS_GETINFO, GetinfoCall.REQUEST, req, GetinfoCall.ENDPT, endpoint,
                GetinfoCall.VAL_PTR, ptr, GetinfoCall.VAL_LEN, len));
    }

    private ByteBuffer read(int len) {
        byte[] b = new byte[len];
        rig.read(p, BUF, b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void whoamiAnswersInTheReply() {
        Message r = getinfo(GetinfoCall.GET_WHOAMI, 0, 0, 0);
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(GetinfoCall.WHOAMI_ENDPT)).isEqualTo(p.endpoint());
        assertThat(r.getInt(GetinfoCall.WHOAMI_PRIVFLAGS) & PrivFlag.SYS_PROC).isNotZero();
        assertThat(new String(r.buf, GetinfoCall.WHOAMI_NAME, 4, StandardCharsets.ISO_8859_1)).isEqualTo("svc\0");
    }

    @Test
    void hzAndKinfo() {
        assertThat(getinfo(GetinfoCall.GET_HZ, 0, BUF, 4).type()).isEqualTo(Errno.OK);
        assertThat(read(4).getInt(0)).isEqualTo(ClockTask.HZ);
        assertThat(getinfo(GetinfoCall.GET_KINFO, 0, BUF, GetinfoCall.KINFO_SIZE).type()).isEqualTo(Errno.OK);
        ByteBuffer k = read(GetinfoCall.KINFO_SIZE);
        assertThat(k.getInt(0)).isEqualTo(Endpoint.NR_PROCS);
        assertThat(k.getInt(16)).as("free pages").isEqualTo(rig.spaces.freePages());
    }

    @Test
    void procShowsAnotherProcessesState() {
        Proc q = rig.sys("q");
        rig.kernel.ipc().doIpc(q, IpcCall.RECEIVE, p.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(getinfo(GetinfoCall.GET_PROC, q.endpoint(), BUF, GetinfoCall.PROCINFO_SIZE).type()).isEqualTo(Errno.OK);
        ByteBuffer b = read(GetinfoCall.PROCINFO_SIZE);
        assertThat(b.getInt(0)).isEqualTo(q.endpoint());
        assertThat(b.getInt(8)).isEqualTo(RtsFlag.RECEIVING.bit);
        assertThat(b.getInt(28)).as("getfrom").isEqualTo(p.endpoint());
        assertThat(new String(b.array(), GetinfoCall.PROCINFO_NAME, 2, StandardCharsets.ISO_8859_1)).isEqualTo("q\0");
    }

    @Test
    void privShowsTheMasksAndPendingBits() {
        assertThat(getinfo(GetinfoCall.GET_PRIV, Endpoint.SELF, BUF, GetinfoCall.PRIVINFO_SIZE).type()).isEqualTo(Errno.OK);
        ByteBuffer b = read(GetinfoCall.PRIVINFO_SIZE);
        assertThat(b.getInt(0)).isEqualTo(p.priv().id);
        assertThat(b.getInt(8)).isEqualTo(IpcCall.ALL_TRAPS);
        assertThat(b.getLong(16)).isEqualTo(p.priv().ipcTo);
    }

    @Test
    void tooSmallBuffersUnknownRequestsAndBadEndpointsAreInvalidAndBadBuffersFault() {
        assertThat(getinfo(GetinfoCall.GET_KINFO, 0, BUF, GetinfoCall.KINFO_SIZE - 1).type()).isEqualTo(Errno.EINVAL);
        assertThat(getinfo(99, 0, BUF, 100).type()).isEqualTo(Errno.EINVAL);
        assertThat(getinfo(GetinfoCall.GET_PROC, 0x7777, BUF, 100).type()).isEqualTo(Errno.EINVAL);
        assertThat(getinfo(GetinfoCall.GET_KINFO, 0, PagedKernelRig.RODATA, 100).type()).isEqualTo(Errno.EFAULT);
        assertThat(getinfo(GetinfoCall.GET_KINFO, 0, PagedKernelRig.UNMAPPED, 100).type()).isEqualTo(Errno.EFAULT);
    }
}
