package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelTrap;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

class SprofCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc profiler = rig.sys("profile");
    private final Proc busy = rig.sys("busy");
    private final Proc user = rig.user("user");
    private static final int INFO = PagedKernelRig.SCRATCH;
    private static final int MEM = PagedKernelRig.SCRATCH + 0x100;

    private int sprof(int action, int type, int endpt, int ctl, int mem, int size) {
        return rig.kcall(profiler, request(SystemTask.SYS_SPROF, SprofCall.ACTION, action, SprofCall.FREQ, 1024,
                SprofCall.INTR_TYPE, type, SprofCall.ENDPT, endpt, SprofCall.CTL_PTR, ctl, SprofCall.MEM_PTR, mem,
                SprofCall.MEM_SIZE, size)).type();
    }

    private int start(int size) {
        return sprof(SprofCall.PROF_START, SprofCall.PROF_RTC, Endpoint.SELF, INFO, MEM, size);
    }

    private int stop() {
        return sprof(SprofCall.PROF_STOP, 0, 0, 0, 0, 0);
    }

    private void tickIn(Proc p, int pc) {
        rig.kernel.dispatch(p);
        p.context.eip = pc;
        rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
    }

    private int info(int field) {
        return rig.get32(profiler, INFO + 4 * field);
    }

    @Test
    void eachTickRecordsTheInterruptedProcessAndItsPcWithANameRecordFirst() {
        assertThat(start(4096)).isEqualTo(Errno.OK);
        tickIn(busy, 0x08048100);
        tickIn(busy, 0x08048200);
        tickIn(user, 0x08049000);
        assertThat(stop()).isEqualTo(Errno.OK);
        int proc = SprofCall.PROC_SIZE;
        int sample = SprofCall.SAMPLE_SIZE;
        assertThat(info(0)).as("mem_used").isEqualTo(2 * proc + 3 * sample);
        assertThat(info(1)).as("total").isEqualTo(3);
        assertThat(info(2)).as("idle").isZero();
        assertThat(info(3)).as("system").isEqualTo(2);
        assertThat(info(4)).as("user").isEqualTo(1);
        assertThat(rig.get32(profiler, MEM)).isEqualTo(busy.endpoint());
        byte[] name = new byte[4];
        rig.read(profiler, MEM + 4, name);
        assertThat(new String(name)).isEqualTo("busy");
        assertThat(rig.get32(profiler, MEM + proc)).isEqualTo(busy.endpoint());
        assertThat(rig.get32(profiler, MEM + proc + 4)).isEqualTo(0x08048100);
        assertThat(rig.get32(profiler, MEM + proc + sample + 4)).isEqualTo(0x08048200);
        assertThat(rig.get32(profiler, MEM + proc + 2 * sample)).as("the user's name record").isEqualTo(user.endpoint());
        assertThat(rig.get32(profiler, MEM + 2 * proc + 2 * sample + 4)).isEqualTo(0x08049000);
    }

    @Test
    void ticksAfterStopAndBeforeStartAreNotRecordedAndAFullBufferStopsSampling() {
        tickIn(busy, 0x1000);
        assertThat(start(SprofCall.PROC_SIZE + 2 * SprofCall.SAMPLE_SIZE)).isEqualTo(Errno.OK);
        for (int i = 0; i < 5; i++) {
            tickIn(busy, 0x2000 + i);
        }
        assertThat(stop()).isEqualTo(Errno.OK);
        tickIn(busy, 0x3000);
        assertThat(info(0)).isEqualTo(SprofCall.PROC_SIZE + 2 * SprofCall.SAMPLE_SIZE);
        assertThat(info(1)).isEqualTo(2);
        assertThat(rig.get32(profiler, MEM + SprofCall.PROC_SIZE + 4)).isEqualTo(0x2000);
    }

    @Test
    void startAndStopMustAlternate() {
        assertThat(stop()).as("not running").isEqualTo(Errno.EBUSY);
        assertThat(start(64)).isEqualTo(Errno.OK);
        assertThat(start(64)).as("already running").isEqualTo(Errno.EBUSY);
        assertThat(stop()).isEqualTo(Errno.OK);
        assertThat(stop()).isEqualTo(Errno.EBUSY);
    }

    @Test
    void badArgumentsAreRefusedAndNothingStarts() {
        assertThat(sprof(7, SprofCall.PROF_RTC, Endpoint.SELF, INFO, MEM, 64)).as("action").isEqualTo(Errno.EINVAL);
        assertThat(sprof(SprofCall.PROF_START, SprofCall.PROF_NMI, Endpoint.SELF, INFO, MEM, 64)).as("no NMI profiling")
                .isEqualTo(Errno.EINVAL);
        assertThat(sprof(SprofCall.PROF_START, SprofCall.PROF_RTC, Endpoint.NONE, INFO, MEM, 64)).isEqualTo(Errno.EINVAL);
        assertThat(start(-1)).isEqualTo(Errno.EINVAL);
        assertThat(sprof(SprofCall.PROF_START, SprofCall.PROF_RTC, Endpoint.SELF, PagedKernelRig.RODATA, MEM, 64))
                .isEqualTo(Errno.EFAULT);
        assertThat(sprof(SprofCall.PROF_START, SprofCall.PROF_RTC, Endpoint.SELF, INFO, PagedKernelRig.UNMAPPED, 64))
                .isEqualTo(Errno.EFAULT);
        assertThat(stop()).as("none of these started a run").isEqualTo(Errno.EBUSY);
        assertThat(rig.kcall(user, request(SystemTask.SYS_SPROF)).type()).isEqualTo(Errno.ECALLDENIED);
    }
}
