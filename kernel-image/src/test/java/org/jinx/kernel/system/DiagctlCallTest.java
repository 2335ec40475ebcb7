package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class DiagctlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc p = rig.sys("p");
    private static final int BUF = PagedKernelRig.SCRATCH;

    private int diag(int code, int buf, int len, int endpoint) {
        return rig.kcall(p, request(SystemTask.SYS_DIAGCTL, DiagctlCall.CODE, code, DiagctlCall.BUF, buf,
                DiagctlCall.LEN, len, DiagctlCall.ENDPT, endpoint)).type();
    }

    @Test
    void diagWritesTheTextToTheConsoleAsIs() {
        rig.write(p, BUF, "hello, console\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(diag(DiagctlCall.DIAGCTL_CODE_DIAG, BUF, 15, 0)).isEqualTo(Errno.OK);
        assertThat(rig.console.toString()).isEqualTo("hello, console\n");
    }

    @Test
    void lengthsOutOfRangeAreInvalidAndBadBuffersFault() {
        assertThat(diag(DiagctlCall.DIAGCTL_CODE_DIAG, BUF, 0, 0)).isEqualTo(Errno.EINVAL);
        assertThat(diag(DiagctlCall.DIAGCTL_CODE_DIAG, BUF, DiagctlCall.DIAG_BUFSIZE + 1, 0)).isEqualTo(Errno.EINVAL);
        assertThat(diag(DiagctlCall.DIAGCTL_CODE_DIAG, PagedKernelRig.UNMAPPED, 4, 0)).isEqualTo(Errno.EFAULT);
        assertThat(rig.console.toString()).isEmpty();
    }

    @Test
    void stacktraceLogsTheRegistersOfAProcess() {
        Proc q = rig.sys("q");
        q.context.eip = 0x8049ABC;
        assertThat(diag(DiagctlCall.DIAGCTL_CODE_STACKTRACE, 0, 0, q.endpoint())).isEqualTo(Errno.OK);
        assertThat(rig.log).anyMatch(l -> l.contains("q(") && l.contains("eip=08049abc"));
        assertThat(diag(DiagctlCall.DIAGCTL_CODE_STACKTRACE, 0, 0, Endpoint.NONE)).isEqualTo(Errno.EINVAL);
        assertThat(diag(7, 0, 0, 0)).isEqualTo(Errno.EINVAL);
    }
}
