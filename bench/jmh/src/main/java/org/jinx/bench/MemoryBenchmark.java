package org.jinx.bench;

import java.util.concurrent.TimeUnit;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 32-bit guest memory access through the whole path (segment checks, paging, physical
 * memory), with paging off, with paging on and TLB hits, and with paging on and a TLB miss on
 * every access (4096 pages visited with a stride that defeats a 1024-entry TLB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryBenchmark {
    private static final int PD = 0x200000;
    private static final int PT = 0x201000;
    private static final int LIN = 0x40000000;
    private static final int PAGES = 4096;

    /** off: paging disabled; hit: paging on, one page; miss: paging on, a new page each time. */
    @Param({"off", "hit", "miss"})
    public String paging;

    private Machine m;
    private int page;
    private int base;

    @Setup
    public void setUp() {
        m = FlatMachine.create(32 << 20);
        if (paging.equals("off")) {
            base = FlatMachine.DATA;
            return;
        }
        // Identity map of 0-4 MiB, and 16 MiB at LIN onto physical 8 MiB.
        for (int i = 0; i < 1024; i++) {
            m.mem.write32(PT + 4 * i, i << 12 | 3);
        }
        for (int i = 0; i < PAGES; i++) {
            m.mem.write32(PT + 0x1000 + 4 * i, 0x800000 + (i << 12) | 3);
        }
        m.mem.write32(PD, PT | 3);
        for (int t = 0; t < 4; t++) {
            m.mem.write32(PD + 4 * (256 + t), PT + 0x1000 * (t + 1) | 3);
        }
        Cpu c = m.cpu;
        c.cr3 = PD;
        c.cr0 |= Cpu.CR0_PG;
        c.paging.flush();
        base = LIN;
    }

    @Benchmark
    public int read32() {
        int p = paging.equals("miss") ? page = page + 1031 & PAGES - 1 : 0;
        return m.cpu.read32(Cpu.DS, base + (p << 12));
    }

    @Benchmark
    public void write32() {
        int p = paging.equals("miss") ? page = page + 1031 & PAGES - 1 : 0;
        m.cpu.write32(Cpu.DS, base + (p << 12), p);
    }
}
