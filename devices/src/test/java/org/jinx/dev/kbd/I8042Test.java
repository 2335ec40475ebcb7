package org.jinx.dev.kbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jinx.dev.RecordingIrqLine;
import org.jinx.mem.PhysicalMemory;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 8042 at 0x60/0x64 with a PS/2 keyboard, A20 gate and port 0x92. */
class I8042Test {
    private PhysicalMemory mem;
    private RecordingIrqLine irq1;
    private RecordingIrqLine irq12;
    private A20Gate a20;
    private int resets;
    private I8042 kbc;
    private SystemControlPortA port92;

    @BeforeEach
    void setUp() {
        mem = new PhysicalMemory(2 << 20);
        irq1 = new RecordingIrqLine();
        irq12 = new RecordingIrqLine();
        a20 = new A20Gate(mem);
        kbc = new I8042(new Ps2Keyboard(), irq1, irq12, a20, () -> resets++);
        port92 = new SystemControlPortA(a20, () -> resets++);
    }

    private void cmd(int c) {
        kbc.write(0x64, 1, c);
    }

    private void data(int d) {
        kbc.write(0x60, 1, d);
    }

    private int status() {
        return kbc.read(0x64, 1);
    }

    /** Reads the output buffer until it is empty. */
    private List<Integer> drain() {
        List<Integer> got = new ArrayList<>();
        while ((status() & 1) != 0) {
            got.add(kbc.read(0x60, 1));
        }
        return got;
    }

    private void translation(boolean on) {
        cmd(0x60);
        data(on ? 0x45 : 0x05);
    }

    @Test
    void selfTestAnswers55AndInterfaceTestAnswers00() {
        cmd(0xAA);
        assertThat(status() & 1).isEqualTo(1);
        assertThat(drain()).containsExactly(0x55);
        cmd(0xAB);
        assertThat(drain()).containsExactly(0x00);
    }

    @Test
    void commandByteReadsAndWritesThroughCommands20And60() {
        cmd(0x20);
        assertThat(drain()).containsExactly(0x45);
        cmd(0x60);
        data(0x07);
        cmd(0x20);
        assertThat(drain()).containsExactly(0x07);
        assertThat(status() & 0x04).as("SYS follows the command byte").isEqualTo(0x04);
    }

    @Test
    void statusA2RemembersWhetherTheLastWriteWasACommand() {
        cmd(0xAD);
        assertThat(status() & 0x08).isEqualTo(0x08);
        data(0xEE);
        assertThat(status() & 0x08).isZero();
        assertThat(status() & 0x10).as("not inhibited").isEqualTo(0x10);
    }

    @Test
    void keyboardResetAnswersAckThenSelfTestPassed() {
        data(0xFF);
        assertThat(drain()).containsExactly(0xFA, 0xAA);
    }

    @Test
    void translatedKeysArriveInSet1WithBreakBit() {
        kbc.keyboard().key(Key.A, true);
        kbc.keyboard().key(Key.A, false);
        kbc.keyboard().key(Key.RIGHT, true);
        kbc.keyboard().key(Key.RIGHT, false);
        assertThat(drain()).containsExactly(0x1E, 0x9E, 0xE0, 0x4D, 0xE0, 0xCD);
    }

    @Test
    void untranslatedKeysArriveInSet2() {
        translation(false);
        kbc.keyboard().key(Key.A, true);
        kbc.keyboard().key(Key.A, false);
        kbc.keyboard().key(Key.RIGHT_CTRL, false);
        assertThat(drain()).containsExactly(0x1C, 0xF0, 0x1C, 0xE0, 0xF0, 0x14);
    }

    @Test
    void pauseAndPrintScreenSequences() {
        kbc.keyboard().key(Key.PAUSE, true);
        kbc.keyboard().key(Key.PAUSE, false);
        assertThat(drain()).containsExactly(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5);
        kbc.keyboard().key(Key.PRINT_SCREEN, true);
        assertThat(drain()).containsExactly(0xE0, 0x2A, 0xE0, 0x37);
    }

    @Test
    void commonKeysTranslateToTheirSet1Codes() {
        Key[] keys = {Key.ESCAPE, Key.D1, Key.Q, Key.ENTER, Key.LEFT_SHIFT, Key.SPACE, Key.F1, Key.F7, Key.F10,
            Key.F12, Key.KP_7, Key.NUM_LOCK};
        int[] set1 = {0x01, 0x02, 0x10, 0x1C, 0x2A, 0x39, 0x3B, 0x41, 0x44, 0x58, 0x47, 0x45};
        for (int i = 0; i < keys.length; i++) {
            kbc.keyboard().key(keys[i], true);
            assertThat(drain()).as(keys[i].name()).containsExactly(set1[i]);
        }
    }

    @Test
    void keyboardSelectsSet1NativelyAndReportsItsSet() {
        translation(false);
        data(0xF0);
        data(0x00);
        assertThat(drain()).containsExactly(0xFA, 0xFA, 0x02);
        data(0xF0);
        data(0x01);
        assertThat(drain()).containsExactly(0xFA, 0xFA);
        kbc.keyboard().key(Key.A, true);
        kbc.keyboard().key(Key.A, false);
        assertThat(drain()).containsExactly(0x1E, 0x9E);
    }

    @Test
    void identifyReportsMf2KeyboardTranslatedOrNot() {
        data(0xF2);
        assertThat(drain()).containsExactly(0xFA, 0xAB, 0x41);
        translation(false);
        data(0xF2);
        assertThat(drain()).containsExactly(0xFA, 0xAB, 0x83);
    }

    @Test
    void setLedsAndEcho() {
        data(0xED);
        assertThat(drain()).containsExactly(0xFA);
        data(0x05);
        assertThat(drain()).containsExactly(0xFA);
        assertThat(kbc.keyboard().leds()).isEqualTo(5);
        data(0xEE);
        assertThat(drain()).containsExactly(0xEE);
        data(0x42);
        assertThat(drain()).as("unknown command asks for a resend").containsExactly(0xFE);
    }

    @Test
    void disabledScanningDropsKeysUntilEnabled() {
        data(0xF5);
        drain();
        kbc.keyboard().key(Key.B, true);
        assertThat(drain()).isEmpty();
        data(0xF4);
        assertThat(drain()).containsExactly(0xFA);
        kbc.keyboard().key(Key.B, true);
        assertThat(drain()).containsExactly(0x30);
    }

    @Test
    void disabledKeyboardInterfaceHoldsBytesInTheKeyboard() {
        cmd(0xAD);
        kbc.keyboard().key(Key.C, true);
        assertThat(status() & 1).isZero();
        cmd(0xAE);
        assertThat(drain()).containsExactly(0x2E);
    }

    @Test
    void irq1RisesForEachByteWhenEnabled() {
        kbc.keyboard().key(Key.D, true);
        kbc.keyboard().key(Key.D, false);
        assertThat(irq1.high()).isTrue();
        kbc.read(0x60, 1);
        assertThat(irq1.risingEdges()).as("the next byte raised IRQ 1 again").isEqualTo(2);
        kbc.read(0x60, 1);
        assertThat(irq1.high()).isFalse();
        cmd(0x60);
        data(0x44); // INT off
        kbc.keyboard().key(Key.D, true);
        assertThat(irq1.high()).isFalse();
        assertThat(drain()).containsExactly(0x20);
    }

    @Test
    void outputPortDrivesA20AndReset() {
        assertThat(mem.a20()).isTrue();
        cmd(0xD1);
        data(0xDD); // A20 off, reset high
        assertThat(mem.a20()).isFalse();
        assertThat(resets).isZero();
        cmd(0xD0);
        assertThat(drain().get(0) & 0x03).isEqualTo(0x01);
        cmd(0xD1);
        data(0xDF);
        assertThat(mem.a20()).isTrue();
        cmd(0xD1);
        data(0xDE); // RESET low
        assertThat(resets).isEqualTo(1);
    }

    @Test
    void pulseCommandFEResetsTheCpuButFFDoesNot() {
        cmd(0xFF);
        assertThat(resets).isZero();
        cmd(0xFE);
        assertThat(resets).isEqualTo(1);
    }

    @Test
    void a20IsTheOrOfTheControllerAndPort92() {
        cmd(0xDD);
        assertThat(mem.a20()).isFalse();
        port92.write(0x92, 1, 0x02);
        assertThat(mem.a20()).isTrue();
        assertThat(port92.read(0x92, 1)).isEqualTo(0x02);
        port92.write(0x92, 1, 0x00);
        assertThat(mem.a20()).isFalse();
    }

    @Test
    void port92ResetsOnARisingBit0() {
        port92.write(0x92, 1, 0x01);
        assertThat(resets).isEqualTo(1);
        port92.write(0x92, 1, 0x03);
        assertThat(resets).as("bit 0 already set: no new pulse").isEqualTo(1);
        port92.write(0x92, 1, 0x02);
        port92.write(0x92, 1, 0x03);
        assertThat(resets).isEqualTo(2);
    }

    @Test
    void writeOutputBufferCommandsFeedKeyboardAndAuxSides() {
        cmd(0xD2);
        data(0x99);
        assertThat(status() & 0x21).isEqualTo(0x01);
        assertThat(drain()).containsExactly(0x99);
        cmd(0x60);
        data(0x47); // INT2 as well
        cmd(0xD3);
        data(0x5A);
        assertThat(status() & 0x21).isEqualTo(0x21);
        assertThat(irq12.high()).isTrue();
        assertThat(irq1.high()).isFalse();
        assertThat(drain()).containsExactly(0x5A);
        assertThat(irq12.high()).isFalse();
    }

    @Test
    void stateRoundTripKeepsQueuedBytesCommandByteAndKeyboardMode() {
        translation(false);
        data(0xED);
        kbc.keyboard().key(Key.E, true);
        kbc.keyboard().key(Key.E, false);
        cmd(0xDD);
        Snapshot snap = new Snapshot();
        snap.save("i8042", kbc);

        PhysicalMemory mem2 = new PhysicalMemory(2 << 20);
        A20Gate gate2 = new A20Gate(mem2);
        RecordingIrqLine irq1b = new RecordingIrqLine();
        I8042 copy = new I8042(new Ps2Keyboard(), irq1b, new RecordingIrqLine(), gate2, () -> { });
        Snapshot.decode(snap.encode()).load("i8042", copy);
        copy.postLoad();

        assertThat(mem2.a20()).isFalse();
        assertThat(irq1b.high()).isTrue();
        assertThat(copy.dump()).isEqualTo(kbc.dump());
        List<Integer> got = new ArrayList<>();
        while ((copy.status() & 1) != 0) {
            got.add(copy.read(0x60, 1));
        }
        assertThat(got).isEqualTo(drain()).containsExactly(0xFA, 0x24, 0xF0, 0x24);
        copy.write(0x60, 1, 0x02); // the LED argument was still awaited
        assertThat(copy.keyboard().leds()).isEqualTo(2);
    }
}
