package org.jinx.tools.lockstep;

import java.util.StringJoiner;

/** EFLAGS bits by their SDM names, for reports. */
final class EflagsNames {
    private static final String[] NAMES = new String[32];

    static {
        NAMES[0] = "CF";
        NAMES[1] = "bit1";
        NAMES[2] = "PF";
        NAMES[4] = "AF";
        NAMES[6] = "ZF";
        NAMES[7] = "SF";
        NAMES[8] = "TF";
        NAMES[9] = "IF";
        NAMES[10] = "DF";
        NAMES[11] = "OF";
        NAMES[12] = "IOPL0";
        NAMES[13] = "IOPL1";
        NAMES[14] = "NT";
        NAMES[16] = "RF";
        NAMES[17] = "VM";
        NAMES[18] = "AC";
        NAMES[19] = "VIF";
        NAMES[20] = "VIP";
        NAMES[21] = "ID";
    }

    private EflagsNames() {
    }

    /** The names of the set bits, e.g. {@code "OF AF"}; unnamed bits as {@code bitN}. */
    static String describe(int bits) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 31; i >= 0; i--) {
            if ((bits >>> i & 1) != 0) {
                j.add(NAMES[i] != null ? NAMES[i] : "bit" + i);
            }
        }
        return j.toString();
    }
}
