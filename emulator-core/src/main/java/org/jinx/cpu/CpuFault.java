package org.jinx.cpu;

/**
 * A processor exception raised during an instruction. One instance per CPU is thrown again and
 * again: it carries no stack trace, so raising a fault costs no allocation.
 */
public final class CpuFault extends RuntimeException {
    public int vector;
    public boolean hasErrorCode;
    public int errorCode;

    CpuFault() {
        super(null, null, false, false);
    }

    @Override
    public String getMessage() {
        return Exceptions.name(vector) + (hasErrorCode ? String.format("(0x%X)", errorCode) : "");
    }
}
