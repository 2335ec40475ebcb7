package org.jinx.bench;

import java.util.concurrent.TimeUnit;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Executing cached blocks: the tight ALU loop of bench/src/tight.S (ten instructions an
 * iteration) and a loop of calls, pushes and pops, reported per instruction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecuteBenchmark {
    private static final int INSNS = 100_000;
    private Machine alu;
    private Machine calls;

    @Setup
    public void setUp() {
        // 1: add eax,ebx; xor edx,eax; rol ebx,5; sub ebx,edx; lea esi,[eax+edx*2+7];
        //    and esi,0x7FFFFFFF; or ebx,esi; inc edx; dec ecx; jnz 1b
        alu = FlatMachine.create(1 << 20, 0x01, 0xD8, 0x31, 0xC2, 0xC1, 0xC3, 0x05, 0x29, 0xD3, 0x8D, 0x74, 0x50, 0x07,
                0x81, 0xE6, 0xFF, 0xFF, 0xFF, 0x7F, 0x09, 0xF3, 0x42, 0x49, 0x75, 0xE7);
        // 1: push eax; call 2f; pop eax; dec ecx; jnz 1b; ... 2: push ebx; pop ebx; ret
        calls = FlatMachine.create(1 << 20, 0x50, 0xE8, 0x04, 0x00, 0x00, 0x00, 0x58, 0x49, 0x75, 0xF6, 0x53, 0x5B, 0xC3);
    }

    private static void run(Machine m) {
        Cpu c = m.cpu;
        c.reg[Cpu.ECX] = Integer.MAX_VALUE;
        c.runUntil(Long.MAX_VALUE, INSNS);
        if (c.eip < FlatMachine.CODE || c.eip > FlatMachine.CODE + 32) {
            throw new IllegalStateException("left the loop at " + Integer.toHexString(c.eip));
        }
    }

    @Benchmark
    @OperationsPerInvocation(INSNS)
    public void tightAluLoop() {
        run(alu);
    }

    @Benchmark
    @OperationsPerInvocation(INSNS)
    public void callsAndStack() {
        run(calls);
    }
}
