package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.KernelTrap;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.PortIo;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.mm.AddressSpaces;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.mem.FlatGuestMemory;
import org.junit.jupiter.api.Test;

class TimesCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc p = rig.sys("p");

    private Message times(int endpoint) {
        return rig.kcall(p, request(SystemTask.SYS_TIMES, TimesCall.ENDPT, endpoint));
    }

    @Test
    void ticksWhileAProcessRunsAreChargedToItAndUptimeCountsThemAll() {
        Proc q = rig.sys("q");
        rig.kernel.schedule();
        Proc running = rig.kernel.currentProc();
        for (int i = 0; i < 3; i++) {
            rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
        }
        Message r = times(running.endpoint());
        assertThat(r.type()).isEqualTo(Errno.OK);
        assertThat(r.getInt(TimesCall.USER_TIME)).isEqualTo(3);
        assertThat(r.getInt(TimesCall.SYSTEM_TIME)).isZero();
        assertThat(r.getInt(TimesCall.REAL_TICKS)).isEqualTo(3);
        assertThat(times(running == q ? p.endpoint() : q.endpoint()).getInt(TimesCall.USER_TIME)).isZero();
    }

    @Test
    void noneGivesOnlyTheClockAndABadEndpointIsInvalid() {
        assertThat(times(Endpoint.NONE).type()).isEqualTo(Errno.OK);
        assertThat(times(0x7777).type()).isEqualTo(Errno.EINVAL);
    }

    @Test
    void bootTimeComesFromTheRealTimeClock() {
        // A CMOS that says 2000-01-01 00:00:00 in BCD, 24-hour mode.
        PortIo cmos = new PortIo() {
            private int index;

            @Override
            public int in(int port, int size) {
                if (port != 0x71) {
                    return 0xFF;
                }
                return switch (index) {
                    case 0x0A -> 0x26;          // no update in progress
                    case 0x0B -> 0x02;          // BCD, 24-hour
                    case 0x07, 0x08 -> 0x01;    // day 1, month 1
                    case 0x32 -> 0x20;          // century 20
                    default -> 0x00;
                };
            }

            @Override
            public void out(int port, int size, int value) {
                if (port == 0x70) {
                    index = value & 0x7F;
                }
            }
        };
        Kernel k = new Kernel(new FlatGuestMemory(4096), AddressSpaces.NONE, cmos, l -> { });
        assertThat(k.bootTime()).isEqualTo(946_684_800L);
    }
}
