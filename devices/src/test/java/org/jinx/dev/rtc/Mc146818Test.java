package org.jinx.dev.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jinx.dev.FakeClock;
import org.jinx.dev.RecordingIrqLine;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RTC at 0x70/0x71 in deterministic mode: it starts at a fixed time and runs on virtual time. */
class Mc146818Test {
    /** Thursday 29 February 2024, 23:59:58. */
    private static final long LEAP_EVE = LocalDateTime.of(2024, 2, 29, 23, 59, 58).toEpochSecond(ZoneOffset.UTC);

    private FakeClock fc;
    private RecordingIrqLine irq8;
    private Mc146818 rtc;

    @BeforeEach
    void setUp() {
        fc = new FakeClock();
        irq8 = new RecordingIrqLine(fc.clock);
        rtc = new Mc146818(fc.clock, fc.scheduler, irq8, LEAP_EVE);
    }

    private int reg(int r) {
        rtc.write(0x70, 1, r);
        return rtc.read(0x71, 1);
    }

    private void set(int r, int v) {
        rtc.write(0x70, 1, r);
        rtc.write(0x71, 1, v);
    }

    /** Reads C until it is clear, as an interrupt handler does, and returns what it saw. */
    private int ackC() {
        return reg(0x0C);
    }

    @Test
    void timeRegistersReadBcdAnd24HourByDefault() {
        assertThat(reg(0x00)).isEqualTo(0x58);
        assertThat(reg(0x02)).isEqualTo(0x59);
        assertThat(reg(0x04)).isEqualTo(0x23);
        assertThat(reg(0x06)).as("Thursday, with Sunday = 1").isEqualTo(0x05);
        assertThat(reg(0x07)).isEqualTo(0x29);
        assertThat(reg(0x08)).isEqualTo(0x02);
        assertThat(reg(0x09)).isEqualTo(0x24);
        assertThat(reg(0x32)).isEqualTo(0x20);
    }

    @Test
    void virtualTimeCarriesThroughTheLeapDay() {
        fc.advanceMillis(2000);
        assertThat(reg(0x00)).isEqualTo(0x00);
        assertThat(reg(0x04)).isEqualTo(0x00);
        assertThat(reg(0x07)).isEqualTo(0x01);
        assertThat(reg(0x08)).isEqualTo(0x03);
        assertThat(reg(0x06)).as("Friday").isEqualTo(0x06);
    }

    @Test
    void secondsChangeOnlyOnTheDividerBoundary() {
        fc.advanceMillis(999);
        assertThat(reg(0x00)).isEqualTo(0x58);
        fc.advanceMillis(1);
        assertThat(reg(0x00)).isEqualTo(0x59);
    }

    @Test
    void binaryModeAnd12HourModeFollowRegisterB() {
        set(0x0B, 0x06); // binary, 24 h
        assertThat(reg(0x04)).isEqualTo(23);
        assertThat(reg(0x00)).isEqualTo(58);
        set(0x0B, 0x04); // binary, 12 h
        assertThat(reg(0x04)).isEqualTo(0x80 | 11);
        set(0x0B, 0x00); // BCD, 12 h
        assertThat(reg(0x04)).isEqualTo(0x91);
    }

    @Test
    void midnightAndNoonIn12HourModeReadTwelve() {
        set(0x0B, 0x80); // SET, BCD, 12 h
        set(0x04, 0x12); // 12 AM
        set(0x0B, 0x02);
        assertThat(reg(0x04)).isEqualTo(0x00);
        set(0x0B, 0x80);
        set(0x04, 0x92); // 12 PM
        set(0x0B, 0x02);
        assertThat(reg(0x04)).isEqualTo(0x12);
    }

    @Test
    void setBitFreezesTimeAndWrittenTimeRunsFromWhenSetClears() {
        set(0x0B, 0x82);
        set(0x00, 0x30);
        set(0x02, 0x15);
        set(0x04, 0x08);
        set(0x07, 0x04);
        set(0x08, 0x07);
        set(0x09, 0x99);
        set(0x32, 0x19);
        fc.advanceMillis(5000);
        assertThat(reg(0x00)).as("frozen while SET").isEqualTo(0x30);
        set(0x0B, 0x02);
        fc.advanceMillis(1000);
        assertThat(reg(0x00)).isEqualTo(0x31);
        assertThat(reg(0x02)).isEqualTo(0x15);
        assertThat(reg(0x04)).isEqualTo(0x08);
        assertThat(reg(0x09)).isEqualTo(0x99);
        assertThat(reg(0x32)).isEqualTo(0x19);
        assertThat(reg(0x06)).as("4 July 1999 was a Sunday").isEqualTo(0x01);
    }

    @Test
    void dayOfWeekAsWrittenAdvancesWithTheDate() {
        set(0x06, 0x02);
        assertThat(reg(0x06)).isEqualTo(0x02);
        fc.advanceMillis(2000);
        assertThat(reg(0x06)).isEqualTo(0x03);
    }

    @Test
    void centuryFollowsTheYear() {
        set(0x0B, 0x82);
        set(0x32, 0x20);
        set(0x09, 0x99);
        set(0x08, 0x12);
        set(0x07, 0x31);
        set(0x04, 0x23);
        set(0x02, 0x59);
        set(0x00, 0x59);
        set(0x0B, 0x02);
        fc.advanceMillis(1000);
        assertThat(reg(0x09)).isEqualTo(0x00);
        assertThat(reg(0x32)).isEqualTo(0x21);
    }

    @Test
    void uipIsHighFrom244MicrosecondsBeforeTheUpdateUntilItEnds() {
        // the update takes the 1984 µs before the second boundary; UIP leads it by 244 µs
        fc.advanceMicros(997_771);
        assertThat(reg(0x0A) & 0x80).isZero();
        assertThat(reg(0x00)).isEqualTo(0x58);
        fc.advanceMicros(2); // 997.773 ms
        assertThat(reg(0x0A) & 0x80).isEqualTo(0x80);
        fc.advanceMicros(2226); // 999.999 ms
        assertThat(reg(0x0A) & 0x80).isEqualTo(0x80);
        fc.advanceMicros(1); // 1 s: the update has ended
        assertThat(reg(0x0A) & 0x80).isZero();
        assertThat(reg(0x00)).isEqualTo(0x59);
        assertThat(reg(0x0A) & 0x7F).isEqualTo(0x26);
    }

    @Test
    void periodicInterruptAt1024HzWhenEnabled() {
        set(0x0B, 0x42); // PIE
        int irqs = 0;
        for (int i = 0; i < 10_000; i++) {
            fc.advanceMicros(100);
            if (irq8.high()) {
                assertThat(ackC() & 0xC0).isEqualTo(0xC0);
                irqs++;
            }
        }
        // one second, each interrupt answered within 100 µs
        assertThat(irqs).isEqualTo(1024);
        assertThat(irq8.risingEdges()).isEqualTo(1024);
        assertThat(irq8.risingCycles().get(0)).as("first cycle at or after 976.5625 µs")
                .isEqualTo(9766L);
    }

    @Test
    void rateSelect15Gives2HzAndRate0GivesNone() {
        set(0x0A, 0x2F);
        set(0x0B, 0x42);
        fc.advanceMillis(2000);
        assertThat(irq8.risingEdges()).isEqualTo(1);
        ackC();
        fc.advanceMillis(499);
        assertThat(irq8.high()).isFalse();
        fc.advanceMillis(1);
        assertThat(irq8.high()).isTrue();
        ackC();
        set(0x0A, 0x20);
        fc.advanceMillis(3000);
        assertThat(irq8.high()).isFalse();
        assertThat(ackC() & 0x40).isZero();
    }

    @Test
    void flagsAreSetWithoutEnablesButRaiseNoIrq() {
        fc.advanceMillis(1100);
        int c = ackC();
        assertThat(c & 0x50).as("PF and UF").isEqualTo(0x50);
        assertThat(c & 0x80).as("IRQF needs an enable").isZero();
        assertThat(irq8.risingEdges()).isZero();
    }

    @Test
    void registerCReadClearsFlagsAndDropsIrq8() {
        set(0x0B, 0x12); // UIE
        fc.advanceMillis(1000);
        assertThat(irq8.high()).isTrue();
        assertThat(ackC()).isEqualTo(0x80 | 0x10 | 0x40);
        assertThat(irq8.high()).isFalse();
        assertThat(ackC()).isZero();
    }

    @Test
    void updateEndedInterruptComesOncePerSecondAfterTheUpdate() {
        set(0x0B, 0x12);
        fc.advanceMicros(999_999);
        assertThat(irq8.high()).isFalse();
        fc.advanceMicros(1);
        assertThat(irq8.high()).isTrue();
        ackC();
        fc.advanceMillis(1000);
        assertThat(irq8.risingEdges()).isEqualTo(2);
    }

    @Test
    void alarmMatchesTheTimeSetByAnUpdate() {
        set(0x01, 0x03); // 00:00:03 on 1 March
        set(0x03, 0x00);
        set(0x05, 0x00);
        set(0x0B, 0x22); // AIE
        fc.advanceMillis(4000);
        assertThat(irq8.high()).isFalse();
        fc.advanceMillis(1000);
        assertThat(irq8.high()).isTrue();
        assertThat(reg(0x00)).isEqualTo(0x03);
        assertThat(ackC() & 0xA0).isEqualTo(0xA0);
    }

    @Test
    void alarmDontCareBytesMatchEverySecond() {
        set(0x01, 0xC0);
        set(0x03, 0xFF);
        set(0x05, 0xC3);
        set(0x0B, 0x22);
        for (int i = 0; i < 5; i++) {
            fc.advanceMillis(1000);
            assertThat(ackC() & 0x20).as("second %d", i).isEqualTo(0x20);
        }
    }

    @Test
    void alarmNotEnabledStillSetsAf() {
        set(0x01, 0x59);
        set(0x03, 0x59);
        set(0x05, 0x23);
        set(0x0B, 0x12); // UIE only
        fc.advanceMillis(1000);
        assertThat(ackC() & 0x30).isEqualTo(0x30);
    }

    @Test
    void settingSetClearsUie() {
        set(0x0B, 0x12);
        set(0x0B, 0x92);
        assertThat(reg(0x0B)).isEqualTo(0x82);
    }

    @Test
    void dividerResetHoldsTimeAndFirstUpdateComesHalfASecondAfterRelease() {
        fc.advanceMillis(300);
        set(0x0A, 0x76);
        fc.advanceMillis(5000);
        assertThat(reg(0x00)).isEqualTo(0x58);
        set(0x0A, 0x26);
        fc.advanceMillis(499);
        assertThat(reg(0x00)).isEqualTo(0x58);
        fc.advanceMillis(1);
        assertThat(reg(0x00)).isEqualTo(0x59);
    }

    @Test
    void registerDReportsValidRamAndTime() {
        assertThat(reg(0x0D)).isEqualTo(0x80);
    }

    @Test
    void indexPortTakesSevenBitsAndTheNmiMask() {
        rtc.write(0x70, 1, 0x80 | 0x40);
        rtc.write(0x71, 1, 0x5A);
        assertThat(rtc.nmiMasked()).isTrue();
        assertThat(reg(0x40)).isEqualTo(0x5A);
        assertThat(rtc.nmiMasked()).isFalse();
        assertThat(rtc.read(0x70, 1)).as("index register is write only").isEqualTo(0xFF);
    }

    @Test
    void cmosLayoutForThirtyTwoMegabytes() {
        CmosLayout.setMemory(rtc, 32L << 20);
        CmosLayout.setEquipment(rtc, CmosLayout.EQUIPMENT_FPU);
        CmosLayout.setHardDiskType(rtc, 0, 47);
        CmosLayout.setHardDiskType(rtc, 1, 2);
        CmosLayout.updateChecksum(rtc);
        assertThat(reg(0x15) | reg(0x16) << 8).isEqualTo(640);
        assertThat(reg(0x17) | reg(0x18) << 8).isEqualTo(31 * 1024);
        assertThat(reg(0x30) | reg(0x31) << 8).isEqualTo(31 * 1024);
        assertThat(reg(0x34) | reg(0x35) << 8).isEqualTo(256);
        assertThat(reg(0x14)).isEqualTo(0x02);
        assertThat(reg(0x12)).isEqualTo(0xF2);
        assertThat(reg(0x19)).isEqualTo(47);
        int sum = 0;
        for (int r = 0x10; r <= 0x2D; r++) {
            sum += reg(r);
        }
        assertThat(reg(0x2E) << 8 | reg(0x2F)).isEqualTo(sum);
    }

    @Test
    void extendedMemoryIsCappedAt0xFFFFKilobytes() {
        CmosLayout.setMemory(rtc, 256L << 20);
        assertThat(reg(0x17) | reg(0x18) << 8).isEqualTo(0xFFFF);
        assertThat(reg(0x34) | reg(0x35) << 8).isEqualTo(240 * 16);
    }

    @Test
    void hostStartTimeIsUsedWhenGiven() {
        long start = LocalDateTime.of(2031, 7, 9, 14, 5, 0).toEpochSecond(ZoneOffset.UTC);
        Mc146818 other = new Mc146818(fc.clock, fc.scheduler, new RecordingIrqLine(), start);
        other.write(0x70, 1, 0x09);
        assertThat(other.read(0x71, 1)).isEqualTo(0x31);
    }

    @Test
    void stateRoundTripKeepsTimeFlagsAndTimers() {
        set(0x0B, 0x52); // PIE and UIE
        set(0x0A, 0x2E); // 4 Hz
        set(0x50, 0xA5);
        fc.advanceMillis(1300);
        Snapshot snap = new Snapshot();
        snap.save("rtc", rtc);

        FakeClock fc2 = new FakeClock();
        fc2.clock.setCycles(fc.cycles());
        RecordingIrqLine irq2 = new RecordingIrqLine(fc2.clock);
        Mc146818 copy = new Mc146818(fc2.clock, fc2.scheduler, irq2, 0);
        Snapshot.decode(snap.encode()).load("rtc", copy);
        copy.postLoad();

        assertThat(irq2.high()).isEqualTo(irq8.high()).isTrue();
        copy.write(0x70, 1, 0x0C);
        int c2 = copy.read(0x71, 1);
        assertThat(c2).isEqualTo(ackC());
        fc.advanceMillis(300);
        fc2.advanceMillis(300);
        assertThat(irq2.high()).isEqualTo(irq8.high()).isTrue();
        assertThat(copy.dump()).isEqualTo(rtc.dump());
        copy.write(0x70, 1, 0x50);
        assertThat(copy.read(0x71, 1)).isEqualTo(0xA5);
    }
}
