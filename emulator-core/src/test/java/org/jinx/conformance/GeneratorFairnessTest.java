package org.jinx.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Generated cases are fair tests: no instruction reads a flag left undefined, the stack stays
 * in its area, the code fits its page, and a case survives the trip through its replay line.
 * No host processor needed.
 */
class GeneratorFairnessTest {
    @Test
    void generatedSequencesPassTheirOwnAnalysis() {
        Generator g = new Generator(12345);
        for (int i = 0; i < 2000; i++) {
            TestCase tc = g.next(i);
            assertThat(tc.analysis().problem).as("case %d", i).isNull();
            assertThat(tc.code().length).isBetween(1, Layout.MAX_CODE);
        }
    }

    @Test
    void theSameSeedAndIndexGiveTheSameCase() {
        assertThat(new Generator(9).next(77).line()).isEqualTo(new Generator(9).next(77).line());
        assertThat(new Generator(9).next(77).line()).isNotEqualTo(new Generator(9).next(78).line());
    }

    @Test
    void aReplayLineReadsBackToTheSameCase() {
        TestCase tc = new Generator(5).next(3);
        assertThat(TestCase.parse(tc.line()).line()).isEqualTo(tc.line());
    }

    @Test
    void anUndefinedFlagReaderGetsADefinerFirst() {
        // MUL leaves SF undefined; a JS after it must not see it.
        Analysis.State s = new Analysis.State(0, Layout.ESP_START);
        Unit mul = new Unit.Builder("mul").insn(0xF7, 0xE3).build();
        Unit setS = new Unit.Builder("sets").insn(0x0F, 0x98, 0xC0).build();
        assertThat(Analysis.step(s, mul)).isNull();
        assertThat(Analysis.step(s.copy(), setS)).contains("reads undefined flags");
    }
}
