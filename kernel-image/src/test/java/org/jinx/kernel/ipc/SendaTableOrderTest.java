package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 29: one message per receive, in table order. */
class SendaTableOrderTest {
    @Test
    void threeEntriesAreReceivedInTableOrder() {
        KernelRig rig = new KernelRig();
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        Proc c = rig.sys("c");
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 10);
        rig.asyncEntry(a, 1, AMF_VALID, c.endpoint(), 0x1, 99);
        rig.asyncEntry(a, 2, AMF_VALID, b.endpoint(), 0x1, 11);
        rig.asyncEntry(a, 3, AMF_VALID, b.endpoint(), 0x1, 12);
        rig.senda(a, 4);
        for (int tag = 10; tag <= 12; tag++) {
            rig.receive(b, a);
            assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(tag);
        }
        rig.receive(c, a);
        assertThat(rig.delivered(c).getInt(KernelRig.TAG)).isEqualTo(99);
    }
}
