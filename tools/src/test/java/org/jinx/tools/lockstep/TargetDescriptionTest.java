package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Register layouts from target descriptions: {@code <reg>} order gives numbers and offsets,
 * {@code xi:include} splices an annex in place, {@code regnum} renumbers, and registers inside
 * XML comments do not exist (QEMU's i386-32bit.xml has commented-out cs_base..es_base).
 */
class TargetDescriptionTest {
    private static TargetDescription parse(Map<String, String> annexes) throws IOException {
        return TargetDescription.parse(name -> {
            String text = annexes.get(name);
            if (text == null) {
                throw new IOException("no annex " + name);
            }
            return text;
        });
    }

    @Test
    void followsIncludesInOrderAndSkipsCommentedRegisters() throws IOException {
        TargetDescription t = parse(Map.of(
                "target.xml", "<target><architecture>i386</architecture><xi:include href=\"core.xml\"/>"
                        + "<feature><reg name=\"mxcsr\" bitsize=\"32\"/></feature></target>",
                "core.xml", "<feature><reg name=\"eax\" bitsize=\"32\" regnum=\"0\"/>\n"
                        + "<!-- <reg name=\"cs_base\" bitsize=\"32\"/>\n <reg name=\"ss_base\" bitsize=\"32\"/> -->\n"
                        + "<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/><reg name=\"cr0\" bitsize=\"32\"/></feature>"));
        assertThat(t.registers()).extracting(TargetDescription.Reg::name).containsExactly("eax", "st0", "cr0", "mxcsr");
        assertThat(t.find("cs_base")).isNull();
        assertThat(t.find("st0").offset()).isEqualTo(4);
        assertThat(t.find("cr0")).isEqualTo(new TargetDescription.Reg(2, "cr0", 4, 14));
        assertThat(t.find("mxcsr").number()).isEqualTo(3);
        assertThat(t.size()).isEqualTo(22);
    }

    @Test
    void regnumRenumbersFromThatRegisterOn() throws IOException {
        TargetDescription t = parse(Map.of("target.xml",
                "<reg name=\"a\" bitsize=\"32\"/><reg name=\"b\" bitsize=\"32\" regnum=\"10\"/><reg name=\"c\" bitsize=\"16\"/>"));
        assertThat(t.registers()).extracting(TargetDescription.Reg::number).containsExactly(0, 10, 11);
        assertThat(t.find("c").offset()).isEqualTo(8);
    }

    @Test
    void aReplyOfAnotherSizeCannotBeRead() throws IOException {
        TargetDescription t = parse(Map.of("target.xml", "<reg name=\"eax\" bitsize=\"32\"/>"));
        assertThat(t.checkReply(4)).isSameAs(t);
        assertThatThrownBy(() -> t.checkReply(16)).hasMessageContaining("4 bytes").hasMessageContaining("16");
    }

    @Test
    void aMissingRegisterIsNamedInTheError() throws IOException {
        TargetDescription t = parse(Map.of("target.xml", "<reg name=\"eax\" bitsize=\"32\"/>"));
        assertThatThrownBy(() -> t.require("cr3")).hasMessageContaining("'cr3'");
    }
}
