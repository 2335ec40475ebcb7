package org.jinx.dev.pic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jinx.dev.RecordingIrqLine;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 8259A pair as a PC wires it: master at 0x20, slave at 0xA0 on master IR2. */
class I8259Test {
    private RecordingIrqLine intr;
    private I8259 master;
    private I8259 slave;
    private Elcr elcr;

    @BeforeEach
    void wire() {
        intr = new RecordingIrqLine();
        master = new I8259("pic-master", intr);
        slave = new I8259("pic-slave", level -> master.setInput(2, level));
        master.attachSlave(2, slave);
        elcr = new Elcr(master, slave);
        initPc(0x08, 0x70, 0x01);
    }

    /** The BIOS sequence: ICW1 edge+ICW4, ICW2 vector base, ICW3 cascade, ICW4 8086 mode. */
    private void initPc(int masterBase, int slaveBase, int icw4) {
        master.write(0x20, 1, 0x11);
        master.write(0x21, 1, masterBase);
        master.write(0x21, 1, 0x04);
        master.write(0x21, 1, icw4);
        slave.write(0xA0, 1, 0x11);
        slave.write(0xA1, 1, slaveBase);
        slave.write(0xA1, 1, 0x02);
        slave.write(0xA1, 1, icw4);
    }

    private void eoiMaster() {
        master.write(0x20, 1, 0x20);
    }

    private int readIsr(I8259 pic, int port) {
        pic.write(port, 1, 0x0B);
        int v = pic.read(port, 1);
        pic.write(port, 1, 0x0A);
        return v;
    }

    @Test
    void chipNeverInitializedRequestsNothingAndIcw1StartsItClean() {
        RecordingIrqLine line = new RecordingIrqLine();
        I8259 pic = new I8259("fresh", line);
        pic.setInput(0, true); // a device whose output is already high at power-on
        pic.input(3).pulse();
        assertThat(pic.intrPending()).isFalse();
        assertThat(line.high()).isFalse();

        pic.write(0x20, 1, 0x13); // ICW1: edge, single, ICW4 needed
        pic.write(0x21, 1, 0x08);
        pic.write(0x21, 1, 0x01);
        assertThat(pic.imr()).isZero();
        assertThat(pic.intrPending()).as("requests from before ICW1 are forgotten").isFalse();
        pic.input(3).pulse();
        assertThat(pic.acknowledge()).isEqualTo(0x0B);
    }

    @Test
    void initializationSetsVectorBaseAndAcknowledgeReturnsBasePlusLevel() {
        master.input(3).pulse();
        assertThat(master.intrPending()).isTrue();
        assertThat(intr.high()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x0B);
        assertThat(master.isr()).isEqualTo(0x08);
        assertThat(master.irr() & 0x08).isZero();
        assertThat(master.intrPending()).isFalse();
    }

    @Test
    void maskedRequestWaitsInIrrUntilUnmasked() {
        master.write(0x21, 1, 0x10);
        master.input(4).pulse();
        assertThat(master.intrPending()).isFalse();
        assertThat(master.irr()).isEqualTo(0x10);
        master.write(0x21, 1, 0x00);
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x0C);
    }

    @Test
    void imrReadsBackThroughOddPort() {
        master.write(0x21, 1, 0xB5);
        assertThat(master.read(0x21, 1)).isEqualTo(0xB5);
    }

    @Test
    void lowerLevelNumberWinsAndLowerPriorityWaitsForEoi() {
        master.input(5).pulse();
        master.input(1).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x09);
        assertThat(master.intrPending()).as("IR5 is held back while IR1 is in service").isFalse();
        eoiMaster();
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x0D);
    }

    @Test
    void higherPriorityRequestNestsOverLevelInService() {
        master.input(5).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x0D);
        master.input(1).pulse();
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x09);
        assertThat(master.isr()).isEqualTo(0x22);
    }

    @Test
    void nonSpecificEoiClearsHighestPriorityInServiceBit() {
        master.input(5).pulse();
        master.acknowledge();
        master.input(1).pulse();
        master.acknowledge();
        eoiMaster();
        assertThat(master.isr()).isEqualTo(0x20);
    }

    @Test
    void specificEoiClearsTheNamedLevel() {
        master.input(5).pulse();
        master.acknowledge();
        master.input(1).pulse();
        master.acknowledge();
        master.write(0x20, 1, 0x65); // specific EOI, L=5
        assertThat(master.isr()).isEqualTo(0x02);
    }

    @Test
    void autoEoiLeavesIsrClear() {
        initPc(0x08, 0x70, 0x03);
        master.input(6).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x0E);
        assertThat(master.isr()).isZero();
        master.input(7).pulse();
        assertThat(master.intrPending()).as("no level in service blocks IR7").isTrue();
    }

    @Test
    void rotateOnNonSpecificEoiMakesServedLevelLowest() {
        master.input(2 + 1).pulse(); // IR3
        master.acknowledge();
        master.write(0x20, 1, 0xA0); // rotate on non-specific EOI
        master.input(1).pulse();
        master.input(4).pulse();
        assertThat(master.acknowledge()).as("IR4 now outranks IR1").isEqualTo(0x0C);
    }

    @Test
    void rotateOnSpecificEoiMakesNamedLevelLowest() {
        master.input(6).pulse();
        master.acknowledge();
        master.write(0x20, 1, 0xE6); // rotate on specific EOI, L=6
        assertThat(master.isr()).isZero();
        master.input(0).pulse();
        master.input(7).pulse();
        assertThat(master.acknowledge()).as("IR7 is now the highest").isEqualTo(0x0F);
    }

    @Test
    void setPriorityCommandMakesLevelLowest() {
        master.write(0x20, 1, 0xC4); // IR4 lowest, IR5 highest
        master.input(0).pulse();
        master.input(5).pulse();
        master.input(4).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x0D);
        master.write(0x20, 1, 0x20);
        assertThat(master.acknowledge()).isEqualTo(0x08);
        master.write(0x20, 1, 0x20);
        assertThat(master.acknowledge()).isEqualTo(0x0C);
    }

    @Test
    void rotateInAutoEoiModeRotatesOnEveryAcknowledge() {
        initPc(0x08, 0x70, 0x03);
        master.write(0x20, 1, 0x80); // rotate in AEOI set
        master.input(1).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x09);
        master.input(0).pulse();
        master.input(3).pulse();
        assertThat(master.acknowledge()).as("IR1 became lowest, so IR3 outranks IR0").isEqualTo(0x0B);
    }

    @Test
    void specialMaskModeLetsLowerLevelsInWhileServedLevelIsMasked() {
        master.input(3).pulse();
        master.acknowledge();
        master.write(0x21, 1, 0x08); // mask IR3, still in service
        master.input(5).pulse();
        assertThat(master.intrPending()).as("without SMM, IR3 in service blocks IR5").isFalse();
        master.write(0x20, 1, 0x68); // OCW3: ESMM + SMM
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x0D);
        master.write(0x20, 1, 0x48); // reset special mask
        master.write(0x20, 1, 0x65);
        master.input(6).pulse();
        assertThat(master.intrPending()).as("SMM off: IR3 in service blocks IR6 again").isFalse();
    }

    @Test
    void pollCommandReturnsLevelAndTakesItIntoService() {
        master.input(6).pulse();
        master.write(0x20, 1, 0x0C); // OCW3 poll
        assertThat(master.read(0x20, 1)).isEqualTo(0x86);
        assertThat(master.isr()).isEqualTo(0x40);
        assertThat(master.read(0x20, 1)).as("poll is one read only; next read is IRR").isEqualTo(0x00);
    }

    @Test
    void pollWithNoRequestReportsNone() {
        master.write(0x20, 1, 0x0C);
        assertThat(master.read(0x21, 1) & 0x80).isZero();
        assertThat(master.isr()).isZero();
    }

    @Test
    void ocw3SelectsIrrOrIsrForReads() {
        master.input(4).pulse();
        master.input(6).pulse();
        master.acknowledge();
        master.write(0x20, 1, 0x0A);
        assertThat(master.read(0x20, 1)).isEqualTo(0x40);
        master.write(0x20, 1, 0x0B);
        assertThat(master.read(0x20, 1)).isEqualTo(0x10);
        master.write(0x20, 1, 0x08); // RR=0: selection unchanged
        assertThat(master.read(0x20, 1)).isEqualTo(0x10);
    }

    @Test
    void edgeRequestIsLatchedAfterPinFalls() {
        master.setInput(3, true);
        master.setInput(3, false);
        assertThat(master.acknowledge()).isEqualTo(0x0B);
    }

    @Test
    void edgeInputHeldHighDoesNotRetriggerAfterEoi() {
        master.setInput(3, true);
        master.acknowledge();
        eoiMaster();
        assertThat(master.intrPending()).isFalse();
        master.setInput(3, false);
        master.setInput(3, true);
        assertThat(master.intrPending()).isTrue();
    }

    @Test
    void levelInputHeldHighRequestsAgainAfterEoi() {
        elcr.write(0x4D0, 1, 0x20); // IRQ5 level
        master.setInput(5, true);
        assertThat(master.acknowledge()).isEqualTo(0x0D);
        eoiMaster();
        assertThat(master.intrPending()).isTrue();
        master.setInput(5, false);
        assertThat(master.intrPending()).isFalse();
    }

    @Test
    void levelRequestWithdrawnBeforeAcknowledgeGivesSpuriousIrq7() {
        elcr.write(0x4D0, 1, 0x20);
        master.setInput(5, true);
        assertThat(master.intrPending()).isTrue();
        master.setInput(5, false);
        assertThat(master.acknowledge()).isEqualTo(0x0F);
        assertThat(master.isr()).as("spurious IR7 sets no ISR bit").isZero();
    }

    @Test
    void ltimInIcw1MakesAllInputsLevelTriggered() {
        master.write(0x20, 1, 0x19);
        master.write(0x21, 1, 0x08);
        master.write(0x21, 1, 0x04);
        master.write(0x21, 1, 0x01);
        master.setInput(1, true);
        master.setInput(1, false);
        assertThat(master.intrPending()).isFalse();
    }

    @Test
    void icw1ResetsEdgeSenseSoAHighInputMustRiseAgain() {
        master.setInput(4, true);
        initPc(0x08, 0x70, 0x01);
        assertThat(master.intrPending()).isFalse();
        master.setInput(4, false);
        master.setInput(4, true);
        assertThat(master.acknowledge()).isEqualTo(0x0C);
    }

    @Test
    void icw1ClearsMaskAndPriorityRotation() {
        master.write(0x21, 1, 0xFF);
        master.write(0x20, 1, 0xC0);
        initPc(0x20, 0x28, 0x01);
        assertThat(master.imr()).isZero();
        master.input(7).pulse();
        master.input(1).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x21);
    }

    @Test
    void singleModeSkipsIcw3() {
        I8259 pic = new I8259("single", new RecordingIrqLine());
        pic.write(0x20, 1, 0x13); // single, ICW4 needed
        pic.write(0x21, 1, 0x40);
        pic.write(0x21, 1, 0x03); // this is ICW4 (AEOI), not ICW3
        pic.write(0x21, 1, 0xF0); // and this is OCW1
        assertThat(pic.imr()).isEqualTo(0xF0);
        pic.input(1).pulse();
        assertThat(pic.acknowledge()).isEqualTo(0x41);
        assertThat(pic.isr()).as("AEOI came from ICW4").isZero();
    }

    @Test
    void slaveRequestReachesCpuThroughMasterIr2AndReturnsSlaveVector() {
        slave.input(2).pulse(); // IRQ10
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x72);
        assertThat(master.isr()).isEqualTo(0x04);
        assertThat(slave.isr()).isEqualTo(0x04);
        assertThat(master.intrPending()).isFalse();
    }

    @Test
    void slaveRequestWithdrawnBeforeAcknowledgeGivesSpuriousIrq15WithMasterIr2InService() {
        elcr.write(0x4D1, 1, 0x02); // IRQ9 level
        slave.setInput(1, true);
        assertThat(master.intrPending()).isTrue();
        slave.setInput(1, false);
        assertThat(master.acknowledge()).isEqualTo(0x77);
        assertThat(slave.isr()).isZero();
        assertThat(master.isr()).as("the master did serve IR2 and needs its EOI").isEqualTo(0x04);
    }

    @Test
    void secondSlaveRequestIsDeliveredAfterBothEois() {
        slave.input(4).pulse(); // IRQ12
        slave.input(6).pulse(); // IRQ14
        assertThat(master.acknowledge()).isEqualTo(0x74);
        assertThat(master.intrPending()).isFalse();
        slave.write(0xA0, 1, 0x20);
        eoiMaster();
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x76);
    }

    @Test
    void specialFullyNestedModeLetsHigherSlaveRequestThroughWhileSlaveInService() {
        slave.input(4).pulse(); // IRQ12
        master.acknowledge();
        slave.input(1).pulse(); // IRQ9, higher than IRQ12 on the slave
        assertThat(master.intrPending()).as("fully nested: IR2 in service blocks IR2").isFalse();

        wire();
        initPc(0x08, 0x70, 0x11); // ICW4 SFNM on both
        slave.input(4).pulse();
        assertThat(master.acknowledge()).isEqualTo(0x74);
        slave.input(1).pulse();
        assertThat(master.intrPending()).isTrue();
        assertThat(master.acknowledge()).isEqualTo(0x71);
        master.input(5).pulse();
        assertThat(master.intrPending()).as("SFNM does not let lower master levels past IR2").isFalse();
    }

    @Test
    void elcrBitsForIrq012813AreFixedEdge() {
        elcr.write(0x4D0, 1, 0xFF);
        elcr.write(0x4D1, 1, 0xFF);
        assertThat(elcr.read(0x4D0, 1)).isEqualTo(0xF8);
        assertThat(elcr.read(0x4D1, 1)).isEqualTo(0xDE);
        assertThat(elcr.read(0x4D0, 2)).isEqualTo(0xDEF8);
    }

    @Test
    void isrReadThroughOcw3MatchesAcknowledgedLevels() {
        master.input(0).pulse();
        master.acknowledge();
        assertThat(readIsr(master, 0x20)).isEqualTo(0x01);
    }

    @Test
    void dumpNamesRegisters() {
        master.write(0x21, 1, 0xFB);
        assertThat(master.dump()).contains("pic-master").contains("IMR=FB").contains("base=08");
    }

    @Test
    void stateRoundTripKeepsRequestsServiceAndModes() {
        elcr.write(0x4D0, 1, 0x80);
        master.write(0x20, 1, 0xC3); // IR3 lowest
        master.input(5).pulse();
        master.acknowledge();
        master.input(6).pulse();
        master.input(4).pulse();
        master.write(0x21, 1, 0x40);
        master.write(0x20, 1, 0x0B); // read ISR

        Snapshot snap = new Snapshot();
        snap.save("pic-master", master);
        Snapshot back = Snapshot.decode(snap.encode());

        RecordingIrqLine intr2 = new RecordingIrqLine();
        I8259 copy = new I8259("pic-master", intr2);
        back.load("pic-master", copy);
        copy.postLoad();

        assertThat(copy.dump()).isEqualTo(master.dump());
        assertThat(copy.read(0x20, 1)).isEqualTo(0x20);
        assertThat(intr2.high()).isEqualTo(master.intrPending());
        // IR4 outranks IR5 (in service) after the rotation: both copies agree.
        assertThat(copy.acknowledge()).isEqualTo(master.acknowledge()).isEqualTo(0x0C);
    }

    @Test
    void loadRejectsNewerStateVersion() {
        Map<String, Object> fields = new LinkedHashMap<>();
        org.jinx.state.StateWriter.into(fields);
        org.jinx.state.StateReader r = org.jinx.state.StateReader.of("pic-master", 99, fields);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> master.loadState(r))
                .hasMessageContaining("version 99");
    }
}
