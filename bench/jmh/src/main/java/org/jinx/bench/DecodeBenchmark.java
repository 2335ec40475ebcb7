package org.jinx.bench;

import java.util.concurrent.TimeUnit;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decoding one instruction from bytes (the cost of a decode-cache miss), over a typical mix. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {
    /** add ebx,eax; mov eax,[ebx+ecx*4+16]; lea esi,[eax+edx*2+7]; cmp eax,imm32; jnz rel8; push ebp; call rel32; rep movsd. */
    private final byte[] code = {
        0x01, (byte) 0xC3,
        (byte) 0x8B, 0x44, (byte) 0x8B, 0x10,
        (byte) 0x8D, 0x74, 0x50, 0x07,
        0x3D, 0x78, 0x56, 0x34, 0x12,
        0x75, (byte) 0xF0,
        0x55,
        (byte) 0xE8, 0x00, 0x01, 0x00, 0x00,
        (byte) 0xF3, (byte) 0xA5,
    };
    private final int[] starts = {0, 2, 6, 10, 15, 17, 18, 23};
    private int next;

    @Benchmark
    public DecodedInsn decodeOne() {
        int i = next;
        next = i + 1 == starts.length ? 0 : i + 1;
        return Decoder.decode(code, starts[i], true);
    }
}
