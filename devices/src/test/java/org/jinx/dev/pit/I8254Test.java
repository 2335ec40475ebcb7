package org.jinx.dev.pit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.bus.IrqLine;
import org.jinx.dev.FakeClock;
import org.jinx.dev.RecordingIrqLine;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 8254 at 0x40-0x43 with counters 0 and 2 wired to recording lines, on a 10 MHz virtual
 * clock. Times are stated in PIT clocks: clock k has happened at cycle ceil(k * 10e6 / 1193182).
 */
class I8254Test {
    private static final long PIT_HZ = 1_193_182L;

    private FakeClock fc;
    private RecordingIrqLine out0;
    private RecordingIrqLine out2;
    private I8254 pit;

    @BeforeEach
    void setUp() {
        fc = new FakeClock();
        fc.advance(12_345); // not at zero, so nothing depends on the origin
        out0 = new RecordingIrqLine(fc.clock);
        out2 = new RecordingIrqLine(fc.clock);
        pit = new I8254("pit", 0x40, fc.clock, fc.scheduler, new IrqLine[] {out0, null, out2});
        assertThat(out0.high()).as("OUT is driven high at power-on").isTrue();
        out0.clear();
        out2.clear();
    }

    private long tickNow() {
        return fc.cycles() * PIT_HZ / FakeClock.HZ;
    }

    private static long cycleOf(long tick) {
        return (tick * FakeClock.HZ + PIT_HZ - 1) / PIT_HZ;
    }

    private void goToTick(long tick) {
        fc.advanceTo(cycleOf(tick));
    }

    /** Moves to the start of a fresh PIT clock and returns it. */
    private long alignedTick() {
        long k = tickNow() + 1;
        goToTick(k);
        return k;
    }

    private void program(int counter, int mode, int count) {
        pit.write(0x43, 1, counter << 6 | 0x30 | mode << 1);
        pit.write(0x40 + counter, 1, count & 0xFF);
        pit.write(0x40 + counter, 1, count >> 8 & 0xFF);
    }

    private int readCount(int counter) {
        int lo = pit.read(0x40 + counter, 1);
        return lo | pit.read(0x40 + counter, 1) << 8;
    }

    private int latchAndRead(int counter) {
        pit.write(0x43, 1, counter << 6);
        return readCount(counter);
    }

    // ---------------------------------------------------------------- mode 0

    @Test
    void mode0OutRisesAtTerminalCountOneClockAfterLoad() {
        long t0 = alignedTick();
        program(0, 0, 100);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 100);
        assertThat(out0.high()).as("CE is 1: load took the first clock").isFalse();
        goToTick(t0 + 101);
        assertThat(out0.high()).isTrue();
        assertThat(out0.risingCycles()).containsExactly(cycleOf(t0 + 101));
    }

    @Test
    void mode0CountFallsOnePerClockAndWrapsAfterTerminalCount() {
        long t0 = alignedTick();
        program(0, 0, 100);
        goToTick(t0 + 31);
        assertThat(latchAndRead(0)).isEqualTo(70);
        goToTick(t0 + 103);
        assertThat(latchAndRead(0)).isEqualTo(0xFFFE);
        assertThat(out0.risingEdges()).as("OUT stays high after wrapping").isEqualTo(1);
    }

    @Test
    void mode0FirstByteOfNewCountStopsCountingAndDropsOut() {
        long t0 = alignedTick();
        program(0, 0, 10);
        goToTick(t0 + 20);
        assertThat(out0.high()).isTrue();
        pit.write(0x40, 1, 50);
        assertThat(out0.high()).isFalse();
        long stopped = latchAndRead(0);
        goToTick(t0 + 40);
        assertThat(latchAndRead(0)).as("counting disabled between the two bytes").isEqualTo(stopped);
        pit.write(0x40, 1, 0);
        long t1 = tickNow();
        goToTick(t1 + 51);
        assertThat(out0.high()).isTrue();
    }

    @Test
    void mode0GateLowSuspendsCounting() {
        pit.write(0x61 - 0x61 + 0x43, 1, 0xB0); // counter 2, mode 0
        long t0 = alignedTick();
        pit.write(0x42, 1, 20);
        pit.write(0x42, 1, 0);
        goToTick(t0 + 6);
        pit.channel(2).setGate(false);
        int frozen = latchAndRead(2);
        assertThat(frozen).isEqualTo(15);
        goToTick(t0 + 100);
        assertThat(latchAndRead(2)).isEqualTo(15);
        assertThat(out2.high()).isFalse();
        pit.channel(2).setGate(true);
        goToTick(t0 + 100 + 15);
        assertThat(out2.high()).isTrue();
    }

    @Test
    void countOfZeroMeans65536InBinary() {
        long t0 = alignedTick();
        program(0, 0, 0);
        goToTick(t0 + 65536);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 65537);
        assertThat(out0.high()).isTrue();
    }

    // ---------------------------------------------------------------- mode 1

    @Test
    void mode1GateEdgeStartsRetriggerableOneShot() {
        pit.channel(2).setGate(false);
        program(2, 1, 10);
        assertThat(out2.high()).isTrue();
        long g = alignedTick();
        goToTick(g + 50);
        assertThat(out2.high()).as("no trigger yet").isTrue();
        long trig = alignedTick();
        pit.channel(2).setGate(true);
        goToTick(trig + 1);
        assertThat(out2.high()).isFalse();
        goToTick(trig + 6);
        pit.channel(2).setGate(false);
        pit.channel(2).setGate(true); // retrigger: ten more clocks from here
        goToTick(trig + 16);
        assertThat(out2.high()).isFalse();
        goToTick(trig + 17);
        assertThat(out2.high()).isTrue();
    }

    // ---------------------------------------------------------------- mode 2

    @Test
    void mode2OutGoesLowForOneClockEveryPeriod() {
        long t0 = alignedTick();
        program(0, 2, 10);
        assertThat(out0.high()).isTrue();
        out0.clear();
        goToTick(t0 + 10);
        assertThat(out0.high()).as("CE reached 1").isFalse();
        goToTick(t0 + 11);
        assertThat(out0.high()).isTrue();
        goToTick(t0 + 51);
        assertThat(out0.risingCycles()).containsExactly(cycleOf(t0 + 11), cycleOf(t0 + 21), cycleOf(t0 + 31),
                cycleOf(t0 + 41), cycleOf(t0 + 51));
    }

    @Test
    void mode2ReadsCountDownAndReload() {
        long t0 = alignedTick();
        program(0, 2, 10);
        goToTick(t0 + 1);
        assertThat(latchAndRead(0)).isEqualTo(10);
        goToTick(t0 + 4);
        assertThat(latchAndRead(0)).isEqualTo(7);
        goToTick(t0 + 11);
        assertThat(latchAndRead(0)).isEqualTo(10);
    }

    @Test
    void mode2NewCountTakesEffectAtNextReload() {
        long t0 = alignedTick();
        program(0, 2, 10);
        out0.clear();
        goToTick(t0 + 5);
        pit.write(0x40, 1, 20);
        pit.write(0x40, 1, 0);
        goToTick(t0 + 61);
        assertThat(out0.risingCycles()).containsExactly(cycleOf(t0 + 11), cycleOf(t0 + 31), cycleOf(t0 + 51));
    }

    @Test
    void mode2GateLowForcesOutHighAndGateRiseRestartsPeriod() {
        long t0 = alignedTick();
        program(2, 2, 10);
        out2.clear();
        goToTick(t0 + 10);
        assertThat(out2.high()).isFalse();
        pit.channel(2).setGate(false);
        assertThat(out2.high()).isTrue();
        goToTick(t0 + 100);
        assertThat(out2.risingEdges()).isEqualTo(1);
        long g = tickNow();
        pit.channel(2).setGate(true);
        goToTick(g + 10);
        assertThat(out2.high()).isFalse();
        goToTick(g + 11);
        assertThat(out2.high()).isTrue();
    }

    @Test
    void mode2At11932Gives100InterruptsPerVirtualSecond() {
        program(0, 2, 11932);
        long start = fc.cycles();
        fc.advanceTo(start + FakeClock.HZ);
        assertThat(out0.risingEdges()).isBetween(99, 101);
    }

    @Test
    void lateEventStillReportsBothEdgesOfTheLowPulse() {
        long t0 = alignedTick();
        program(0, 2, 10);
        out0.clear();
        fc.clock.setCycles(cycleOf(t0 + 14)); // the CPU overshot the deadline by several clocks
        fc.scheduler.runDue();
        assertThat(out0.changes()).extracting(RecordingIrqLine.Change::high).containsExactly(false, true);
    }

    @Test
    void longUnwatchedIntervalIsComputedWithoutIterating() {
        pit.write(0x43, 1, 0x74); // counter 1, LSB/MSB, mode 2
        long t0 = alignedTick();
        pit.write(0x41, 1, 2);
        pit.write(0x41, 1, 0);
        long later = t0 + 1 + 3_000_000_001L;
        goToTick(later);
        assertThat(latchAndRead(1)).isEqualTo(1);
        assertThat(pit.channel(1).out()).isFalse();
    }

    // ---------------------------------------------------------------- mode 3

    @Test
    void mode3EvenCountIsHalfHighHalfLow() {
        long t0 = alignedTick();
        program(0, 3, 10);
        goToTick(t0 + 5);
        assertThat(out0.high()).isTrue();
        goToTick(t0 + 6);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 10);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 11);
        assertThat(out0.high()).isTrue();
    }

    @Test
    void mode3OddCountIsHighOneClockLonger() {
        long t0 = alignedTick();
        program(0, 3, 7);
        goToTick(t0 + 4);
        assertThat(out0.high()).isTrue();
        goToTick(t0 + 5);
        assertThat(out0.high()).as("high for (7+1)/2 clocks").isFalse();
        goToTick(t0 + 7);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 8);
        assertThat(out0.high()).as("low for (7-1)/2 clocks").isTrue();
    }

    @Test
    void mode3CountFallsByTwo() {
        long t0 = alignedTick();
        program(0, 3, 100);
        goToTick(t0 + 1);
        int a = latchAndRead(0);
        goToTick(t0 + 4);
        int b = latchAndRead(0);
        assertThat(a - b).isEqualTo(6);
    }

    @Test
    void mode3NewCountTakesEffectAtEndOfHalfCycle() {
        long t0 = alignedTick();
        program(0, 3, 10);
        goToTick(t0 + 2);
        pit.write(0x40, 1, 4);
        pit.write(0x40, 1, 0);
        goToTick(t0 + 6);
        assertThat(out0.high()).as("the high half of 10 completes").isFalse();
        goToTick(t0 + 8);
        assertThat(out0.high()).as("the low half is 4/2 clocks").isTrue();
    }

    // ---------------------------------------------------------------- modes 4 and 5

    @Test
    void mode4StrobesLowForOneClockAfterCount() {
        long t0 = alignedTick();
        program(0, 4, 20);
        assertThat(out0.high()).isTrue();
        out0.clear();
        goToTick(t0 + 20);
        assertThat(out0.high()).isTrue();
        goToTick(t0 + 21);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 22);
        assertThat(out0.high()).isTrue();
        goToTick(t0 + 200_000);
        assertThat(out0.changes()).as("one strobe only").hasSize(2);
    }

    @Test
    void mode5GateEdgeTriggersStrobe() {
        pit.channel(2).setGate(false);
        program(2, 5, 8);
        long g = alignedTick();
        pit.channel(2).setGate(true);
        goToTick(g + 8);
        assertThat(out2.high()).isTrue();
        goToTick(g + 9);
        assertThat(out2.high()).as("N+1 clocks after the trigger").isFalse();
        goToTick(g + 10);
        assertThat(out2.high()).isTrue();
    }

    @Test
    void modes6And7ActAs2And3ButReportTheirBits() {
        pit.write(0x43, 1, 0x3C); // counter 0, mode 6
        long t0 = alignedTick();
        pit.write(0x40, 1, 10);
        pit.write(0x40, 1, 0);
        goToTick(t0 + 10);
        assertThat(out0.high()).isFalse();
        pit.write(0x43, 1, 0xE2); // read-back status of counter 0
        assertThat(pit.read(0x40, 1) & 0x0E).isEqualTo(0x0C);
    }

    // ---------------------------------------------------------------- access modes, BCD, latches

    @Test
    void bcdCountsInDecimalAndReadsBcdDigits() {
        pit.write(0x43, 1, 0x31); // counter 0, LSB/MSB, mode 0, BCD
        long t0 = alignedTick();
        pit.write(0x40, 1, 0x00);
        pit.write(0x40, 1, 0x01); // 0100 BCD = one hundred
        goToTick(t0 + 11);
        assertThat(latchAndRead(0)).isEqualTo(0x0090);
        goToTick(t0 + 101);
        assertThat(out0.high()).isTrue();
        goToTick(t0 + 102);
        assertThat(latchAndRead(0)).as("wraps to 9999 in BCD").isEqualTo(0x9999);
    }

    @Test
    void bcdZeroMeansTenThousand() {
        pit.write(0x43, 1, 0x31);
        long t0 = alignedTick();
        pit.write(0x40, 1, 0);
        pit.write(0x40, 1, 0);
        goToTick(t0 + 10_000);
        assertThat(out0.high()).isFalse();
        goToTick(t0 + 10_001);
        assertThat(out0.high()).isTrue();
    }

    @Test
    void lsbOnlyAndMsbOnlyAccess() {
        pit.write(0x43, 1, 0x10); // counter 0, LSB only, mode 0
        long t0 = alignedTick();
        pit.write(0x40, 1, 40);
        goToTick(t0 + 11);
        assertThat(pit.read(0x40, 1)).isEqualTo(30);
        assertThat(pit.read(0x40, 1)).as("every read is the LSB").isEqualTo(30);

        pit.write(0x43, 1, 0x20); // MSB only
        long t1 = alignedTick();
        pit.write(0x40, 1, 0x02); // count 0x0200
        goToTick(t1 + 1 + 0x100);
        assertThat(pit.read(0x40, 1)).isEqualTo(0x01);
        goToTick(t1 + 1 + 0x200);
        assertThat(out0.high()).isTrue();
    }

    @Test
    void latchedCountHoldsUntilReadAndSecondLatchIsIgnored() {
        long t0 = alignedTick();
        program(0, 2, 1000);
        goToTick(t0 + 101);
        pit.write(0x43, 1, 0x00);
        goToTick(t0 + 201);
        pit.write(0x43, 1, 0x00); // ignored: the first latch is unread
        goToTick(t0 + 301);
        assertThat(readCount(0)).isEqualTo(900);
        assertThat(readCount(0)).as("unlatched again: live count").isEqualTo(700);
    }

    @Test
    void readBackStatusReportsOutNullCountAndProgramming() {
        pit.write(0x43, 1, 0x34); // counter 0, LSB/MSB, mode 2
        pit.write(0x43, 1, 0xE2); // read-back: status only, counter 0
        assertThat(pit.read(0x40, 1)).isEqualTo(0x80 | 0x40 | 0x30 | 0x04);
        long t0 = alignedTick();
        pit.write(0x40, 1, 10);
        pit.write(0x40, 1, 0);
        goToTick(t0 + 1);
        pit.write(0x43, 1, 0xE2);
        assertThat(pit.read(0x40, 1)).as("null count cleared by the load").isEqualTo(0x80 | 0x34);
        goToTick(t0 + 10);
        pit.write(0x43, 1, 0xE2);
        assertThat(pit.read(0x40, 1) & 0x80).as("OUT low at CE=1").isZero();
    }

    @Test
    void readBackOfStatusAndCountReturnsStatusFirst() {
        long t0 = alignedTick();
        program(2, 0, 500);
        goToTick(t0 + 51);
        pit.write(0x43, 1, 0xC8); // latch count and status of counter 2
        goToTick(t0 + 80);
        assertThat(pit.read(0x42, 1)).isEqualTo(0x30);
        assertThat(readCount(2)).isEqualTo(450);
    }

    @Test
    void controlWordResetsOutForTheNewMode() {
        long t0 = alignedTick();
        program(0, 0, 5);
        goToTick(t0 + 10);
        assertThat(out0.high()).isTrue();
        pit.write(0x43, 1, 0x30);
        assertThat(out0.high()).isFalse();
        pit.write(0x43, 1, 0x34);
        assertThat(out0.high()).isTrue();
    }

    @Test
    void controlRegisterReadsFloatHigh() {
        assertThat(pit.read(0x43, 1)).isEqualTo(0xFF);
    }

    // ---------------------------------------------------------------- port 0x61

    @Test
    void speakerPortGatesCounter2AndShowsItsOut() {
        SpeakerPort port61 = new SpeakerPort(pit.channel(2), fc.clock);
        port61.write(0x61, 1, 0x00);
        pit.write(0x43, 1, 0xB0); // counter 2, mode 0
        long t0 = alignedTick();
        pit.write(0x42, 1, 10);
        pit.write(0x42, 1, 0);
        goToTick(t0 + 50);
        assertThat(port61.read(0x61, 1) & 0x20).as("gate low: no count").isZero();
        port61.write(0x61, 1, 0x01);
        long g = tickNow();
        goToTick(g + 11);
        assertThat(port61.read(0x61, 1) & 0x21).isEqualTo(0x21);
    }

    @Test
    void speakerPortRefreshBitToggles() {
        SpeakerPort port61 = new SpeakerPort(pit.channel(2), fc.clock);
        int seen = 0;
        for (int i = 0; i < 8; i++) {
            seen |= 1 << (port61.read(0x61, 1) >> 4 & 1);
            fc.advanceMicros(8);
        }
        assertThat(seen).as("both levels of bit 4 seen").isEqualTo(3);
    }

    // ---------------------------------------------------------------- state

    @Test
    void stateRoundTripContinuesThePeriodicWaveAndLatches() {
        long t0 = alignedTick();
        program(0, 2, 100);
        pit.write(0x43, 1, 0xB1); // counter 2: LSB/MSB, mode 0, BCD
        pit.write(0x42, 1, 0x34);
        goToTick(t0 + 250);
        pit.write(0x43, 1, 0x00); // latch counter 0
        Snapshot snap = new Snapshot();
        snap.save("pit", pit);

        FakeClock fc2 = new FakeClock();
        fc2.clock.setCycles(fc.cycles());
        RecordingIrqLine copyOut0 = new RecordingIrqLine(fc2.clock);
        I8254 copy = new I8254("pit", 0x40, fc2.clock, fc2.scheduler,
                new IrqLine[] {copyOut0, null, new RecordingIrqLine()});
        Snapshot.decode(snap.encode()).load("pit", copy);
        copy.postLoad();
        copyOut0.clear();

        assertThat(copy.read(0x40, 1) | copy.read(0x40, 1) << 8).isEqualTo(readCount(0));
        out0.clear();
        long until = cycleOf(t0 + 700);
        fc.advanceTo(until);
        fc2.advanceTo(until);
        assertThat(copyOut0.risingCycles()).isEqualTo(out0.risingCycles()).hasSize(4);
        copy.write(0x42, 1, 0x00); // the MSB completes the BCD count in both
        pit.write(0x42, 1, 0x00);
        assertThat(copy.dump()).isEqualTo(pit.dump());
    }
}
