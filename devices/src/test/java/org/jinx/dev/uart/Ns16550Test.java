package org.jinx.dev.uart;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.dev.FakeClock;
import org.jinx.dev.RecordingIrqLine;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** COM1 at 0x3F8 on a 10 MHz virtual clock, with an in-memory line. */
class Ns16550Test {
    private static final int BASE = 0x3F8;
    /** One 8N1 character (10 bits) at 115200 baud, in 10 MHz cycles: 868.05. */
    private static final long CHAR_115200 = 10 * FakeClock.HZ / 115200;

    private FakeClock fc;
    private RecordingIrqLine irq4;
    private MemorySerialEndpoint line;
    private Ns16550 uart;

    @BeforeEach
    void setUp() {
        fc = new FakeClock();
        irq4 = new RecordingIrqLine(fc.clock);
        line = new MemorySerialEndpoint();
        uart = new Ns16550("com1", fc.clock, fc.scheduler, irq4, line);
        setBaud(1);
        out(3, 0x03); // 8N1
    }

    private void out(int reg, int v) {
        uart.write(BASE + reg, 1, v);
    }

    private int in(int reg) {
        return uart.read(BASE + reg, 1);
    }

    private void setBaud(int divisor) {
        out(3, 0x83);
        out(0, divisor & 0xFF);
        out(1, divisor >> 8);
        out(3, 0x03);
    }

    @Test
    void transmittedByteReachesTheLineOneCharacterTimeLater() {
        out(0, 'J');
        fc.advance(CHAR_115200 - 1);
        assertThat(line.output()).isEmpty();
        fc.advance(2);
        assertThat(line.outputText()).isEqualTo("J");
    }

    @Test
    void divisorSetsTheCharacterTime() {
        setBaud(12); // 9600 baud: 1.0417 ms per character
        out(0, 'x');
        fc.advanceMicros(1040);
        assertThat(line.output()).isEmpty();
        fc.advanceMicros(2);
        assertThat(line.outputText()).isEqualTo("x");
    }

    @Test
    void wordLengthParityAndStopBitsLengthenTheCharacter() {
        out(3, 0x0F); // 8 data, parity, 2 stop: 12 bits
        out(0, 'p');
        fc.advance(12 * FakeClock.HZ / 115200 - 2);
        assertThat(line.output()).isEmpty();
        fc.advance(3);
        assertThat(line.outputText()).isEqualTo("p");
    }

    @Test
    void thrEmptiesAtOnceButTemtWaitsForTheShiftRegister() {
        assertThat(in(5) & 0x60).isEqualTo(0x60);
        out(0, 'a');
        assertThat(in(5) & 0x60).as("THR empty, shifter busy").isEqualTo(0x20);
        out(0, 'b');
        assertThat(in(5) & 0x60).as("16450 mode: THR holds b").isZero();
        fc.advance(CHAR_115200 + 1);
        assertThat(in(5) & 0x60).isEqualTo(0x20);
        fc.advance(CHAR_115200 + 1);
        assertThat(in(5) & 0x60).isEqualTo(0x60);
        assertThat(line.outputText()).isEqualTo("ab");
    }

    @Test
    void transmitFifoHoldsSixteenBytesBehindTheShiftRegister() {
        out(2, 0x07); // enable and clear FIFOs
        for (int i = 0; i < 18; i++) {
            out(0, 'A' + i);
        }
        assertThat(in(5) & 0x20).isZero();
        fc.advance(17 * (CHAR_115200 + 1));
        assertThat(line.outputText()).as("the 18th byte found the FIFO full").isEqualTo("ABCDEFGHIJKLMNOPQ");
        assertThat(in(5) & 0x60).isEqualTo(0x60);
    }

    @Test
    void divisorLatchIsReachedThroughDlab() {
        out(1, 0x05);
        out(3, 0x83);
        out(0, 0x34);
        out(1, 0x12);
        assertThat(in(0)).isEqualTo(0x34);
        assertThat(in(1)).isEqualTo(0x12);
        out(3, 0x03);
        assertThat(in(1)).as("IER untouched by DLM writes").isEqualTo(0x05);
    }

    @Test
    void receivedByteSetsDataReadyAndInterruptsThroughOut2() {
        out(1, 0x01); // ERBFI
        line.feed("Z");
        fc.advance(CHAR_115200 + 1);
        assertThat(in(5) & 0x01).isEqualTo(0x01);
        assertThat(in(2) & 0x0F).isEqualTo(0x04);
        assertThat(irq4.high()).as("OUT2 is off: the IRQ buffer is closed").isFalse();
        out(4, 0x08);
        assertThat(irq4.high()).isTrue();
        assertThat(in(0)).isEqualTo('Z');
        assertThat(irq4.high()).isFalse();
        assertThat(in(2) & 0x0F).isEqualTo(0x01);
    }

    @Test
    void receiveTriggerLevelAndCharacterTimeout() {
        out(2, 0x41); // FIFO on, trigger 4
        out(1, 0x01);
        out(4, 0x08);
        line.feed("abc");
        fc.advance(3 * (CHAR_115200 + 1));
        assertThat(irq4.high()).as("3 bytes are below the trigger").isFalse();
        fc.advance(4 * CHAR_115200 + 8);
        assertThat(irq4.high()).as("four character times of silence").isTrue();
        assertThat(in(2)).isEqualTo(0xCC);
        assertThat(in(0)).isEqualTo('a');
        assertThat(irq4.high()).as("reading RBR restarts the timeout").isFalse();
        line.feed("defg");
        fc.advance(2 * (CHAR_115200 + 1));
        assertThat(in(2) & 0x0F).as("2 + 2 bytes reach the trigger").isEqualTo(0x04);
    }

    @Test
    void endpointWaitsWhileTheReceiveFifoIsFull() {
        out(2, 0x01);
        line.feed("0123456789abcdefghij");
        fc.advance(30 * (CHAR_115200 + 1));
        assertThat(line.pending()).isEqualTo(4);
        assertThat(in(5) & 0x02).as("no overrun").isZero();
        assertThat(in(0)).isEqualTo('0');
        fc.advance(CHAR_115200 + 1);
        assertThat(line.pending()).isEqualTo(3);
    }

    @Test
    void thrEmptyInterruptOnEnableClearedByIirReadAndRearmedWhenThrEmpties() {
        out(4, 0x08);
        out(1, 0x02);
        assertThat(irq4.high()).isTrue();
        assertThat(in(2) & 0x0F).isEqualTo(0x02);
        assertThat(irq4.high()).as("reading IIR cleared THRE").isFalse();
        out(0, 'q');
        assertThat(irq4.high()).as("THR emptied into the shift register").isTrue();
        out(0, 'r');
        assertThat(irq4.high()).as("writing THR clears it").isFalse();
        fc.advance(CHAR_115200 + 1);
        assertThat(irq4.high()).isTrue();
    }

    @Test
    void interruptPrioritiesPutLineStatusFirstAndModemStatusLast() {
        out(1, 0x0F);
        out(4, 0x10 | 0x02); // loopback with RTS: a CTS change and a modem status delta
        assertThat(in(2) & 0x0F).as("THRE outranks modem status").isEqualTo(0x02);
        assertThat(in(2) & 0x0F).isEqualTo(0x00);
        out(0, 1);
        out(0, 2);
        fc.advance(2 * (CHAR_115200 + 1)); // the second byte overruns the first (16450 mode)
        assertThat(in(2) & 0x0F).isEqualTo(0x06);
        int lsr = in(5);
        assertThat(lsr & 0x03).isEqualTo(0x03);
        assertThat(in(2) & 0x0F).isEqualTo(0x04);
        assertThat(in(0)).as("16450 overrun destroys the unread byte").isEqualTo(2);
        assertThat(in(2) & 0x0F).isEqualTo(0x02);
        in(6);
        assertThat(in(2) & 0x0F).isEqualTo(0x01);
    }

    @Test
    void loopbackReturnsBytesAndMapsModemControlToStatus() {
        out(4, 0x10 | 0x01 | 0x04 | 0x08); // loop, DTR, OUT1, OUT2
        out(0, 'L');
        fc.advance(CHAR_115200 + 1);
        assertThat(line.output()).isEmpty();
        assertThat(in(0)).isEqualTo('L');
        int msr = in(6);
        assertThat(msr & 0xF0).as("DSR from DTR, RI from OUT1, DCD from OUT2").isEqualTo(0x20 | 0x40 | 0x80);
        assertThat(msr & 0x0B).as("only CTS changed from the terminal's levels (RTS is off)").isEqualTo(0x01);
        out(4, 0x10 | 0x01 | 0x08); // drop OUT1: trailing edge of RI
        assertThat(in(6) & 0x04).isEqualTo(0x04);
        assertThat(in(6) & 0x0F).as("deltas cleared by reading MSR").isZero();
    }

    @Test
    void loopbackKeepsTheIrqLineLowAsOut2PinIsForcedInactive() {
        out(1, 0x02);
        out(4, 0x18);
        assertThat(in(2) & 0x0F).isEqualTo(0x02);
        assertThat(irq4.high()).isFalse();
    }

    @Test
    void modemInputsOfAConnectedTerminal() {
        assertThat(in(6) & 0xF0).isEqualTo(0xB0);
    }

    @Test
    void iirShowsFifoBitsAndScratchRegisterHoldsAByte() {
        out(2, 0x01);
        assertThat(in(2) & 0xC0).isEqualTo(0xC0);
        out(2, 0x00);
        assertThat(in(2) & 0xC0).isZero();
        out(7, 0xA5);
        assertThat(in(7)).isEqualTo(0xA5);
    }

    @Test
    void stateRoundTripKeepsFifosRegistersAndTheCharacterInFlight() {
        out(2, 0x81); // FIFO, trigger 8
        out(1, 0x05);
        out(4, 0x0B);
        line.feed("hello");
        fc.advance(5 * (CHAR_115200 + 1));
        out(0, 'w');
        out(0, 'x');
        Snapshot snap = new Snapshot();
        snap.save("com1", uart);

        FakeClock fc2 = new FakeClock();
        fc2.clock.setCycles(fc.cycles());
        MemorySerialEndpoint line2 = new MemorySerialEndpoint();
        RecordingIrqLine irq2 = new RecordingIrqLine(fc2.clock);
        Ns16550 copy = new Ns16550("com1", fc2.clock, fc2.scheduler, irq2, line2);
        Snapshot.decode(snap.encode()).load("com1", copy);
        copy.postLoad();

        assertThat(copy.dump()).isEqualTo(uart.dump());
        fc.advance(2 * (CHAR_115200 + 1));
        fc2.advance(2 * (CHAR_115200 + 1));
        assertThat(line2.outputText()).isEqualTo(line.outputText()).isEqualTo("wx");
        StringBuilder got = new StringBuilder();
        while ((copy.readRegister(5) & 1) != 0) {
            got.append((char) copy.readRegister(0));
        }
        assertThat(got.toString()).isEqualTo("hello");
    }
}
