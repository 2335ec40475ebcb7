package org.jinx.tools.lockstep;

/**
 * The one list of places where QEMU 7.2 (TCG, {@code qemu32} CPU) is known not to behave as the
 * 80386 manual says, and which the lockstep therefore tolerates. Jinx follows the manual in each
 * case; the tool recognises the case, counts it as explained, and either aligns the two sides
 * or stops comparing. Anything not listed here is reported as a divergence.
 *
 * <p>"386 manual" is the Intel 80386 Programmer's Reference Manual (1986); "SDM" is the Intel
 * 64 and IA-32 Architectures Software Developer's Manual. docs/cpu-lockstep.md has the same
 * table for readers.
 */
public enum QemuDeviation {
    /**
     * QEMU's RESET leaves the signature of its {@code qemu32} model (family 6) in EDX; a 386DX
     * reports component ID 03h, stepping 03h or later. Aligned once: QEMU's EDX is set to Jinx's
     * before the first step.
     */
    RESET_EDX("EDX after RESET holds a family-6 signature (0x663), not the 386's 0x0303",
            "386 manual 10.1 (Processor State after Reset): DH = 3 (386), DL = stepping"),
    /**
     * QEMU starts with CR0.CD and CR0.NW set, bits that only exist from the 486 on; on the 386
     * they are reserved and read as 0. Aligned once: QEMU's CR0 is written with Jinx's value.
     */
    RESET_CR0("CR0 after RESET has CD and NW (bits 30, 29) set, 486 bits the 386 does not have",
            "386 manual 10.1 (CR0 after reset: PE = PG = 0, ET per coprocessor); SDM 9.1.1 lists CD/NW for the 486 on");

    /** What the deviation is, in one line. */
    public final String summary;
    /** Where the manual says what the 386 does. */
    public final String reference;

    QemuDeviation(String summary, String reference) {
        this.summary = summary;
        this.reference = reference;
    }
}
