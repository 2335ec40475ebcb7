package org.jinx.cpu;

/** Exception vectors of the 80386 and what the manual calls them. */
public final class Exceptions {
    public static final int DE = 0;   // divide error, fault
    public static final int DB = 1;   // debug, fault or trap
    public static final int NMI = 2;
    public static final int BP = 3;   // INT3, trap
    public static final int OF = 4;   // INTO, trap
    public static final int BR = 5;   // BOUND, fault
    public static final int UD = 6;   // invalid opcode, fault
    public static final int NM = 7;   // coprocessor not available, fault
    public static final int DF = 8;   // double fault, abort, error code 0
    public static final int CSO = 9;  // coprocessor segment overrun
    public static final int TS = 10;  // invalid TSS, error code
    public static final int NP = 11;  // segment not present, error code
    public static final int SS = 12;  // stack fault, error code
    public static final int GP = 13;  // general protection, error code
    public static final int PF = 14;  // page fault, error code
    public static final int MF = 16;  // coprocessor error

    private static final String[] NAMES = {
        "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP",
        "#PF", "#15", "#MF"
    };

    private Exceptions() {
    }

    public static String name(int vector) {
        return vector >= 0 && vector < NAMES.length ? NAMES[vector] : "INT " + vector;
    }

    /** Vectors that push an error code when raised as exceptions. */
    public static boolean hasErrorCode(int vector) {
        return vector == DF || (vector >= TS && vector <= PF);
    }

    /** Contributory exceptions, for the double-fault rule (SDM table 6-5). */
    public static boolean contributory(int vector) {
        return vector == DE || (vector >= TS && vector <= GP);
    }
}
