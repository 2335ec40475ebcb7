package org.jinx.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Endpoint arithmetic of spec 2.2 and 2.3. */
class EndpointEncodingTest {
    @Test
    void examplesFromTheSpec() {
        assertThat(Endpoint.encode(1, 20)).isEqualTo(32788);
        assertThat(Endpoint.encode(1, -2)).isEqualTo(32766);
        assertThat(Endpoint.slot(32766)).isEqualTo(-2);
        assertThat(Endpoint.generation(32766)).isEqualTo(1);
    }

    @Test
    void generationZeroEndpointIsTheSlotForTasksToo() {
        for (int s = -Endpoint.NR_TASKS; s < Endpoint.NR_PROCS; s++) {
            assertThat(Endpoint.encode(0, s)).isEqualTo(s);
            assertThat(Endpoint.slot(s)).isEqualTo(s);
            assertThat(Endpoint.generation(s)).isZero();
        }
    }

    @Test
    void roundTripForEveryGenerationOfSomeSlots() {
        for (int gen = 0; gen <= Endpoint.MAX_GENERATION; gen += 997) {
            for (int s : new int[] {-5, -1, 0, 11, 255}) {
                int e = Endpoint.encode(gen, s);
                assertThat(Endpoint.slot(e)).isEqualTo(s);
                assertThat(Endpoint.generation(e)).isEqualTo(gen);
            }
        }
    }

    @Test
    void generationWrapsFromTheMaximumToOneNotZero() {
        assertThat(Endpoint.MAX_GENERATION).isEqualTo(65534);
        assertThat(Endpoint.nextGeneration(65533)).isEqualTo(65534);
        assertThat(Endpoint.nextGeneration(65534)).isEqualTo(1);
    }

    @Test
    void specialValuesLieOutsideEverySlotRange() {
        assertThat(Endpoint.ANY).isEqualTo(31744);
        assertThat(Endpoint.NONE).isEqualTo(31743);
        assertThat(Endpoint.SELF).isEqualTo(31742);
        assertThat(Endpoint.ANY_USR).isEqualTo(64512);
        assertThat(Endpoint.ANY_SYS).isEqualTo(97280);
        assertThat(Endpoint.ANY_TSK).isEqualTo(130048);
        for (int e : new int[] {Endpoint.ANY, Endpoint.NONE, Endpoint.SELF}) {
            assertThat(Endpoint.isSlotInRange(Endpoint.slot(e))).isFalse();
        }
    }
}
