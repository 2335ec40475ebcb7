package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    private final Converters.MemorySize memory = new Converters.MemorySize();
    private final Converters.Port port = new Converters.Port();

    @Test
    void memorySizesTakeKMGSuffixesAndBareNumbersCountMegabytes() {
        assertThat(memory.convert("32M")).isEqualTo(32 << 20);
        assertThat(memory.convert("32m")).isEqualTo(32 << 20);
        assertThat(memory.convert("32MiB")).isEqualTo(32 << 20);
        assertThat(memory.convert("1536K")).isEqualTo(1536 << 10);
        assertThat(memory.convert("1G")).isEqualTo(1 << 30);
        assertThat(memory.convert("64")).as("QEMU's -m counts MiB").isEqualTo(64 << 20);
    }

    @Test
    void memorySizesOutsideOneMegabyteTo2047AreRefused() {
        assertThatThrownBy(() -> memory.convert("1023K")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> memory.convert("2G")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> memory.convert("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> memory.convert("-4M")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> memory.convert("99999999999999999G")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void memorySizeMustBeWholePages() {
        assertThatThrownBy(() -> memory.convert("1025K")).hasMessageContaining("4K");
    }

    @Test
    void portsAreHexWithPrefixOrDecimal() {
        assertThat(port.convert("0x190")).isEqualTo(0x190);
        assertThat(port.convert("0X80")).isEqualTo(0x80);
        assertThat(port.convert("400")).isEqualTo(400);
        assertThatThrownBy(() -> port.convert("0x10000")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> port.convert("190h")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void timeoutsArePositiveSeconds() {
        Converters.Seconds s = new Converters.Seconds();
        assertThat(s.convert("0.25")).isEqualTo(0.25);
        assertThatThrownBy(() -> s.convert("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> s.convert("NaN")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> s.convert("soon")).isInstanceOf(TypeConversionException.class);
    }
}
