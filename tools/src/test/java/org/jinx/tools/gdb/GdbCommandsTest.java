package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.debug.MachineDebugTarget;
import org.junit.jupiter.api.Test;

/**
 * Register, memory, breakpoint and monitor packets against a real machine held stopped (no
 * guest thread is needed while nothing resumes). The CPU is in flat 32-bit protected mode.
 */
class GdbCommandsTest {
    private final Machine machine = new Machine(1 << 20, 33_000_000L);
    private final Cpu cpu = machine.cpu;
    private final StubChannel stub;

    GdbCommandsTest() {
        cpu.cr0 |= Cpu.CR0_PE;
        cpu.seg[Cpu.CS].set(0x08, 0, 0xFFFFFFFF, 0x9B, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            cpu.seg[s].set(0x10, 0, 0xFFFFFFFF, 0x93, true);
        }
        for (int i = 0; i < 8; i++) {
            cpu.reg[i] = 0x01020304 * (i + 1);
        }
        cpu.eip = 0x1000;
        stub = new StubChannel(new MachineDebugTarget(machine, true));
    }

    private static String le(int v) {
        return String.format("%02x%02x%02x%02x", v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24);
    }

    @Test
    void gHoldsAllThirtyTwoRegistersInGdbOrder() {
        String g = stub.ask("g");
        assertThat(g).hasSize(2 * (16 * 4 + 8 * 10 + 8 * 4));
        for (int i = 0; i < 8; i++) {
            assertThat(g.substring(8 * i, 8 * i + 8)).as("register %d", i).isEqualTo(le(0x01020304 * (i + 1)));
        }
        assertThat(g.substring(64, 72)).isEqualTo(le(0x1000)); // eip
        assertThat(g.substring(72, 80)).isEqualTo(le(cpu.getEflags()));
        assertThat(g.substring(80, 88)).isEqualTo(le(0x08)); // cs
        assertThat(g.substring(88, 96)).isEqualTo(le(0x10)); // ss
        assertThat(g.substring(128)).matches("0+"); // no FPU
    }

    @Test
    void pReadsOneRegister() {
        assertThat(stub.ask("p8")).isEqualTo(le(0x1000));
        assertThat(stub.ask("p3")).isEqualTo(le(0x01020304 * 4));
        assertThat(stub.ask("p10")).isEqualTo("00000000000000000000"); // st0, ten bytes
        assertThat(stub.ask("p20")).isEqualTo("E14"); // register 32 does not exist
    }

    @Test
    void pAndGWriteRegisters() {
        assertThat(stub.ask("P0=78563412")).isEqualTo("OK");
        assertThat(cpu.reg[Cpu.EAX]).isEqualTo(0x12345678);
        assertThat(stub.ask("P8=00201000")).isEqualTo("OK");
        assertThat(cpu.eip).isEqualTo(0x102000);
        assertThat(stub.ask("P10=01000000000000000000")).as("no FPU").isEqualTo("E01");
        assertThat(stub.ask("P0=7856")).as("wrong size").isEqualTo("E22");
        String g = stub.ask("g");
        String changed = le(0xCAFEF00D) + g.substring(8);
        assertThat(stub.ask("G" + changed)).isEqualTo("OK");
        assertThat(cpu.reg[Cpu.EAX]).isEqualTo(0xCAFEF00D);
        assertThat(stub.ask("G" + changed.substring(0, 70))).as("ends inside a register").isEqualTo("E22");
    }

    @Test
    void segmentRegisterWriteLoadsTheDescriptorFromTheGdt() {
        // GDT at 0x800 whose entry 3 is a data segment with base 0x12000
        cpu.gdtrBase = 0x800;
        cpu.gdtrLimit = 0x1F;
        machine.mem.write32(0x818, 0x0000FFFF | 0x2000 << 16);
        machine.mem.write32(0x81C, 0x00CF9201);
        assertThat(stub.ask("Pc=18000000")).isEqualTo("OK"); // ds = 0x18
        assertThat(cpu.seg[Cpu.DS].selector).isEqualTo(0x18);
        assertThat(cpu.seg[Cpu.DS].base).isEqualTo(0x12000);
        assertThat(stub.ask("Pc=20000000")).as("beyond the GDT limit").isEqualTo("E01");
        assertThat(stub.ask("Pc=08000000")).as("entry 1 is empty: not present").isEqualTo("E01");
        assertThat(stub.ask("Pc=18000000")).as("the same selector again").isEqualTo("OK");
    }

    @Test
    void memoryReadAndWriteInHexAndBinary() {
        machine.mem.write32(0x2000, 0x1BADB002);
        assertThat(stub.ask("m2000,4")).isEqualTo("02b0ad1b");
        assertThat(stub.ask("M2000,2:abcd")).isEqualTo("OK");
        assertThat(machine.mem.read16(0x2000)).isEqualTo(0xCDAB);
        assertThat(stub.ask("X2000,0:")).as("gdb's probe").isEqualTo("OK");
        assertThat(stub.ask("X2000,4:" + "#$}*")).isEqualTo("OK");
        assertThat(machine.mem.read32(0x2000)).isEqualTo(0x2A7D2423);
        assertThat(stub.ask("M2000,2:ab")).as("length mismatch").isEqualTo("E22");
    }

    @Test
    void memoryOutsideRamIsAnError() {
        assertThat(stub.ask("m7ffffff0,4")).isEqualTo("E14");
        assertThat(stub.ask("M7ffffff0,1:00")).isEqualTo("E14");
        assertThat(stub.ask("mffffffffff,4")).isEqualTo("E14");
    }

    @Test
    void aReadThatRunsOffTheEndOfRamReturnsTheReadablePart() {
        assertThat(stub.ask("mffffe,4")).hasSize(4);
    }

    @Test
    void hugeReadsAreCutToThePacketSize() {
        assertThat(stub.ask("m0,100000")).hasSize(2 * GdbCommands.MAX_READ);
    }

    @Test
    void breakpointsAndWatchpoints() {
        assertThat(stub.ask("Z0,1000,1")).isEqualTo("OK");
        assertThat(stub.ask("z0,1000,1")).isEqualTo("OK");
        assertThat(stub.ask("z0,1000,1")).as("already gone").isEqualTo("OK");
        assertThat(stub.ask("Z1,1004,1")).isEqualTo("OK");
        assertThat(stub.ask("Z2,2000,8")).as("two slots").isEqualTo("OK");
        assertThat(stub.ask("Z3,3000,4")).isEqualTo("OK");
        assertThat(stub.ask("Z4,4000,1")).as("all four slots in use").isEqualTo("E01");
        assertThat(cpu.dr[7]).as("the guest's DR7").isEqualTo(0x400);
        assertThat(stub.ask("Z5,0,1")).isEqualTo("E22");
        assertThat(stub.ask("Z0,1000,1;X2,0a")).as("a condition is ignored").isEqualTo("OK");
    }

    @Test
    void haltReasonDropsTheBreakpointsOfAnEarlierSession() {
        stub.ask("Z2,2000,4");
        assertThat(cpu.debuggerDr[7] & 0xFF).isNotZero();
        assertThat(stub.ask("?")).startsWith("T05thread:01;").contains("08:" + le(0x1000));
        assertThat(cpu.debuggerDr[7] & 0xFF).isZero();
    }

    @Test
    void monitorRegistersAndMemoryMap() {
        String regs = monitor("registers");
        assertThat(regs).contains("EAX=01020304").contains("EIP=00001000").contains("CR0=");
        assertThat(monitor("info registers")).isEqualTo(regs);
        assertThat(monitor("memory map")).contains("paging is off");
        assertThat(monitor("info mem")).contains("paging is off");
        assertThat(monitor("ipc")).contains("needs hosted mode");
    }

    private String monitor(String cmd) {
        List<String> r = stub.replies("qRcmd," + Hex.encode(cmd));
        assertThat(r.get(r.size() - 1)).isEqualTo("OK");
        StringBuilder sb = new StringBuilder();
        for (String p : r.subList(0, r.size() - 1)) {
            sb.append(new String(Hex.decode(p.substring(1)), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }
}
