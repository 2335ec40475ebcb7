package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.junit.jupiter.api.Test;

/** Register sets from Jinx's CPU and from a gdb {@code g} reply, in gdb's i386 order. */
class RegistersTest {
    /** gdb's i386 core layout as QEMU sends it: 16 registers, then fs_base..k_gs_base, then CRs. */
    private static TargetDescription qemuLayout() throws IOException {
        StringBuilder xml = new StringBuilder();
        for (String n : new String[] {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags", "cs", "ss",
            "ds", "es", "fs", "gs", "fs_base", "gs_base", "k_gs_base", "cr0", "cr2", "cr3", "cr4"}) {
            xml.append("<reg name=\"").append(n).append("\" bitsize=\"32\"/>");
        }
        return TargetDescription.parse(Map.of("target.xml", xml.toString())::get);
    }

    private static String hexLittleEndian(int... words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(Registers.toLittleEndianHex(w, 4));
        }
        return sb.toString();
    }

    @Test
    void readsLittleEndianValuesByName() throws IOException {
        String g = hexLittleEndian(0x11223344, 1, 2, 3, 4, 5, 6, 7, 0xFFF0, 0x46,
                0x1F000, 0x10, 0x18, 0x20, 0x28, 0x30, 0, 0, 0, 0x60000011, 0xCAFE, 0x9000, 0);
        Registers r = Registers.fromG(g, qemuLayout());
        assertThat(r.get(Registers.EAX)).isEqualTo(0x11223344);
        assertThat(r.get(Registers.EIP)).isEqualTo(0xFFF0);
        assertThat(r.get(Registers.CS)).as("selectors are 16 bits").isEqualTo(0xF000);
        assertThat(r.get(Registers.ES)).isEqualTo(0x20);
        assertThat(r.get(Registers.CR0)).isEqualTo(0x60000011);
        assertThat(r.get(Registers.CR2)).isEqualTo(0xCAFE);
    }

    @Test
    void takesJinxRegistersInGdbOrder() {
        Cpu cpu = new Machine(1 << 20, 1_000_000).cpu;
        cpu.reg[Cpu.EBX] = 0xB;
        cpu.seg[Cpu.ES].selector = 0x1234;
        cpu.cr3 = 0x5000;
        Registers r = Registers.of(cpu);
        assertThat(r.get(Registers.EBX)).isEqualTo(0xB);
        assertThat(r.get(Registers.CS)).isEqualTo(0xF000);
        assertThat(r.get(Registers.ES)).isEqualTo(0x1234);
        assertThat(r.get(Registers.EIP)).isEqualTo(0xFFF0);
        assertThat(r.get(Registers.CR3)).isEqualTo(0x5000);
        assertThat(r.get(Registers.CR4)).as("the 386 has no CR4").isZero();
    }

    @Test
    void writesValuesAsTheStubExpectsThem() {
        assertThat(Registers.toLittleEndianHex(0x0303, 4)).isEqualTo("03030000");
        assertThat(Registers.toLittleEndianHex(0x12345678, 2)).isEqualTo("7856");
    }
}
