package org.jinx.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.mem.PagedGuestMemory;
import org.jinx.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * End to end through the CPU: two ring-3 processes, each in its own paged address space, run
 * real i386 code that executes INT 0x21. A sends, B receives, and B stores the IPC status and
 * result it got back in EBX and EAX.
 */
class IpcThroughInt21Test {
    private static final int LIN = 0x400000;
    private static final int MSG = LIN + 0x800;
    private static final int OUT = LIN + 0x900;

    private final Machine machine = new Machine(2 << 20, 33_000_000L);
    private final PhysicalMemory mem = machine.mem;
    private final List<String> log = new ArrayList<>();
    private final Kernel kernel = new Kernel(new PagedGuestMemory(mem), log::add);

    /** One page of user code and data at LIN, in a page directory of its own. */
    private Proc process(String name, int pd, int frame, int[] code) {
        mem.write32(pd + (LIN >>> 22) * 4, (pd + 0x1000) | 7);
        mem.write32(pd + 0x1000, frame | 7);
        for (int i = 0; i < code.length; i++) {
            mem.write8(frame + i, code[i]);
        }
        Proc p = kernel.newProcess(name);
        kernel.setSystemPriv(p, -1);
        p.context.cr3 = pd;
        p.context.eip = LIN;
        p.context.esp = LIN + 0xFF0;
        kernel.allow(p);
        return p;
    }

    private static int[] movImm32(int opcode, int v) {
        return new int[] {opcode, v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24 & 0xFF};
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void sendAndReceiveByInt21() {
        int frameA = 0x50000;
        int frameB = 0x60000;
        Proc a = process("a", 0x10000, frameA, new int[0]);
        Proc b = process("b", 0x20000, frameB, new int[0]);
        int[] codeA = concat(
                movImm32(0xB9, IpcCall.SEND),          // mov ecx, SEND
                movImm32(0xB8, b.endpoint()),          // mov eax, b
                movImm32(0xBB, MSG),                   // mov ebx, msg
                new int[] {0xCD, 0x21},                // int 0x21
                new int[] {0xEB, 0xFE});               // jmp $
        int[] codeB = concat(
                movImm32(0xB9, IpcCall.RECEIVE),       // mov ecx, RECEIVE
                movImm32(0xB8, Endpoint.ANY),          // mov eax, ANY
                movImm32(0xBB, MSG),                   // mov ebx, buf
                new int[] {0xCD, 0x21},                // int 0x21
                new int[] {0x89, 0x1D}, le(OUT),       // mov [out], ebx
                new int[] {0xA3}, le(OUT + 4),         // mov [out+4], eax
                new int[] {0xEB, 0xFE});               // jmp $
        for (int i = 0; i < codeA.length; i++) {
            mem.write8(frameA + i, codeA[i]);
        }
        for (int i = 0; i < codeB.length; i++) {
            mem.write8(frameB + i, codeB[i]);
        }
        mem.write32(frameA + 0x800 + Message.TYPE, 0x4242);
        mem.write32(frameA + 0x800 + Message.PAYLOAD, 0xC0FFEE);
        mem.write32(frameB + 0x900, 0xDEAD);

        kernel.schedule();
        new CpuTrapBinding(kernel).attach(machine.cpu);
        machine.run(200);

        assertThat(mem.read32(frameB + 0x800 + Message.SOURCE)).isEqualTo(a.endpoint());
        assertThat(mem.read32(frameB + 0x800 + Message.TYPE)).isEqualTo(0x4242);
        assertThat(mem.read32(frameB + 0x800 + Message.PAYLOAD)).isEqualTo(0xC0FFEE);
        assertThat(mem.read32(frameB + 0x900)).as("status word: SEND").isEqualTo(IpcCall.SEND);
        assertThat(mem.read32(frameB + 0x904)).as("result").isEqualTo(0);
        assertThat(a.hasRts(RtsFlag.SENDING)).isFalse();
        assertThat(log).isEmpty();
    }

    private static int[] le(int v) {
        return new int[] {v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24 & 0xFF};
    }
}
