package org.jinx.kernel.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** monitor ps and monitor ipc: the text gdb prints for the process table and the IPC state. */
class KernelReportTest {
    private final PagedKernelRig rig = new PagedKernelRig();

    private static String line(String report, String name) {
        for (String l : report.split("\n")) {
            if (l.contains(" " + name + " ")) {
                return l;
            }
        }
        throw new AssertionError("no line for " + name + " in:\n" + report);
    }

    @Test
    void psShowsEachProcessWithItsFlagsWhatBlocksItAndItsEip() {
        Proc server = rig.sys("server");
        Proc client = rig.sys("client");
        Proc idler = rig.sys("idler");
        client.context.eip = 0x08049abc;
        rig.sendrec(client, server, 7);         // server is not receiving: client blocks SENDING
        rig.receive(idler, server.endpoint());  // idler waits for server
        rig.kernel.dispatch(server);            // server is on the CPU
        String ps = KernelReport.processes(rig.kernel, 0x0804cafe);

        assertThat(line(ps, "client")).contains("SENDING").contains("sending to server(" + server.endpoint() + ")")
                .contains("08049abc").startsWith(" ").contains(" " + ThreadIds.of(client) + " ");
        assertThat(line(ps, "idler")).contains("RECEIVING").contains("receiving from server(" + server.endpoint() + ")");
        assertThat(line(ps, "server")).startsWith("*").contains("0804cafe").endsWith("0804cafe");
        assertThat(ps).doesNotContain(" pm ").doesNotContain("clock");
    }

    @Test
    void psSaysWhenTheCpuIsIdle() {
        Proc a = rig.sys("alpha");
        rig.receive(a, org.jinx.kernel.proc.Endpoint.ANY);
        rig.kernel.schedule();
        assertThat(KernelReport.processes(rig.kernel, 0)).contains("The CPU is idle")
                .doesNotContainPattern("(?m)^\\*");
    }

    @Test
    void ipcShowsSendersReceiversTheCallerQueueInOrderAndPendingNotifications() {
        Proc server = rig.sys("server");
        Proc first = rig.sys("first");
        Proc second = rig.sys("second");
        Proc waiter = rig.sys("waiter");
        Proc notifier = rig.sys("notifier");
        rig.send(first, server, 1);
        rig.sendrec(second, server, 2);
        rig.receive(waiter, org.jinx.kernel.proc.Endpoint.ANY);
        rig.notify(notifier, server.endpoint()); // server is not receiving: the notification stays pending
        String ipc = KernelReport.ipc(rig.kernel);

        String s = "server(" + server.endpoint() + ")";
        String f = "first(" + first.endpoint() + ")";
        String sec = "second(" + second.endpoint() + ")";
        assertThat(ipc).contains(f + " -> " + s + ", message type 0x100")
                .contains(sec + " -> " + s + ", message type 0x200 (SENDREC: the reply is awaited)")
                .contains("waiter(" + waiter.endpoint() + ") <- ANY")
                .contains(s + ": " + f + " " + sec)
                .contains(s + ": notifications from notifier(" + notifier.endpoint() + ")");
        assertThat(ipc.indexOf("Blocked sending")).isLessThan(ipc.indexOf("Blocked receiving"));
    }

    @Test
    void ipcWithNothingBlockedSaysSo() {
        rig.sys("alpha");
        assertThat(KernelReport.ipc(rig.kernel)).contains("Blocked sending (SENDING):\n  (none)")
                .contains("Blocked receiving (RECEIVING):\n  (none)");
    }
}
