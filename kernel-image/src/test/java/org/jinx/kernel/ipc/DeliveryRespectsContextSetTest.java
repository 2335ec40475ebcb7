package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** 1.3: a delivery writes EAX = OK unless the register context was replaced meanwhile. */
class DeliveryRespectsContextSetTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void deliveryOverwritesEaxNormally() {
        rig.receive(b, Endpoint.ANY);
        b.context.eax = 0x1234;
        rig.send(a, b, 1);
        rig.delivered(b);
        assertThat(b.context.eax).isZero();
    }

    @Test
    void deliveryLeavesAReplacedContextAlone() {
        rig.receive(b, Endpoint.ANY);
        b.context.eax = 0x1234;
        b.setMisc(MiscFlag.CONTEXT_SET);
        rig.send(a, b, 1);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(1);
        assertThat(b.context.eax).isEqualTo(0x1234);
    }
}
