package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EBP;
import static org.jinx.cpu.Cpu.ESP;

import org.jinx.cpu.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * ENTER with a 16-bit operand size on a 32-bit stack writes only BP ("IF OperandSize = 16 THEN
 * BP := frame-ptr"): the upper half of EBP is kept, while ESP moves as a 32-bit stack pointer.
 * Found by the host differential tester.
 */
class Enter16KeepsEbpUpperHalfTest {
    @Test
    void enterWithOperandSizePrefixWritesOnlyBp() {
        CpuRig r = CpuRig.flat32().code(0x66, 0xC8, 0x08, 0x00, 0x00); // enter 8, 0 (16-bit)
        r.set(EBP, 0xF5E25693).set(ESP, 0x6000).run();
        int frame = 0x6000 - 2;
        assertThat(r.reg(EBP)).isEqualTo(0xF5E20000 | frame);
        assertThat(r.reg(ESP)).isEqualTo(frame - 8);
        assertThat(r.peek8(frame) | r.peek8(frame + 1) << 8).isEqualTo(0x5693);
    }

    @Test
    void enterWithNestingLevelWritesOnlyBp() {
        CpuRig r = CpuRig.flat32().code(0x66, 0xC8, 0x00, 0x00, 0x02); // enter 0, 2 (16-bit)
        r.poke32(0x105000 - 4, 0xAAAA_BBBB);
        r.set(EBP, 0x105000).set(ESP, 0x6000).run();
        // push BP, push the word at [EBP-2] (a 32-bit stack addresses through EBP), push the frame pointer.
        int frame = 0x6000 - 2;
        assertThat(r.reg(EBP)).isEqualTo(0x100000 | frame);
        assertThat(r.reg(ESP)).isEqualTo(0x6000 - 6);
        assertThat(r.peek8(0x6000 - 4) | r.peek8(0x6000 - 3) << 8).isEqualTo(0xAAAA);
        assertThat(r.peek8(0x6000 - 6) | r.peek8(0x6000 - 5) << 8).isEqualTo(frame);
    }
}
