package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.util.Random;
import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/**
 * The calls added after the minimal set, fed requests whose every field is drawn from values a
 * buggy or hostile caller might send (bad endpoints, bad grants, bad pointers, huge and negative
 * counts): each answers with OK or an error code, never a host exception, and afterwards the
 * kernel still answers a well-formed call. A user process gets ECALLDENIED for every one.
 * SYS_MEMSET and SYS_PHYSCOPY are left out of the garbage: writing any physical memory, page
 * tables included, is their job (VM's power), so random ones would wreck the test's own
 * processes; their own tests check their arguments.
 */
class GarbageRequestsNeverBreakTheKernelTest {
    private static final int[] CALLS = {
        SystemTask.SYS_TRACE, SystemTask.SYS_SIGSEND, SystemTask.SYS_SIGRETURN, SystemTask.SYS_UMAP_REMOTE, SystemTask.SYS_VUMAP, SystemTask.SYS_SDEVIO,
        SystemTask.SYS_IOPENABLE, SystemTask.SYS_VSAFECOPY, SystemTask.SYS_READBIOS, SystemTask.SYS_SPROF,
        SystemTask.SYS_STIME, SystemTask.SYS_SETTIME, SystemTask.SYS_VTIMER, SystemTask.SYS_GETMCONTEXT,
        SystemTask.SYS_SETMCONTEXT, SystemTask.SYS_SAFEMEMSET,
    };

    private final PagedKernelRig rig = new PagedKernelRig();
    private final GrantRig grants = new GrantRig(rig);
    private final Proc caller = rig.sys("caller");
    private final Proc other = rig.sys("other");

    private int[] values() {
        return new int[] {0, 1, 2, 3, 4, -1, -2, 0x7FFFFFFF, 0x80000000, 0xFFFFF000, Endpoint.SELF, Endpoint.NONE,
            Endpoint.ANY, Endpoint.CLOCK, caller.endpoint(), other.endpoint(), 12345, PagedKernelRig.DATA,
            PagedKernelRig.SCRATCH, PagedKernelRig.RODATA, PagedKernelRig.UNMAPPED, 0x400, 0x1000, 0x10000, 0x100000,
            1 << 20 | 5, 0x1F0, 0x20, 64, 65, 0x1003, 0x1001, 100, 101, 10};
    }

    @Test
    void everyGarbageRequestGetsAResultCodeAndTheKernelKeepsServing() {
        grants.register(other);
        grants.direct(other, 0, 0, caller.endpoint(), PagedKernelRig.SCRATCH, 64, Grants.CPF_READ | Grants.CPF_WRITE);
        Random random = new Random(0x5EED);
        int[] v = values();
        for (int i = 0; i < 4000; i++) {
            int call = CALLS[i % CALLS.length];
            Message m = request(call);
            for (int off = Message.PAYLOAD; off < Message.SIZE; off += 4) {
                m.setInt(off, v[random.nextInt(v.length)]);
            }
            int result = rig.kcall(caller, m).type();
            assertThat(result).as("call 0x%x, request %d", call, i).isLessThanOrEqualTo(Errno.OK)
                    .isNotEqualTo(Errno.EBADREQUEST).isNotEqualTo(Errno.ECALLDENIED);
        }
        Message times = rig.kcall(caller, request(SystemTask.SYS_TIMES, TimesCall.ENDPT, Endpoint.NONE));
        assertThat(times.type()).as("still serving").isEqualTo(Errno.OK);
    }

    @Test
    void aUserProcessIsDeniedEveryOne() {
        Proc user = rig.user("user");
        for (int call : new int[] {SystemTask.SYS_MEMSET, SystemTask.SYS_PHYSCOPY}) {
            assertThat(rig.kcall(user, request(call, 8, Endpoint.SELF)).type()).isEqualTo(Errno.ECALLDENIED);
        }
        for (int call : CALLS) {
            assertThat(rig.kcall(user, request(call, 8, Endpoint.SELF)).type()).as("call 0x%x", call)
                    .isEqualTo(Errno.ECALLDENIED);
        }
    }
}
