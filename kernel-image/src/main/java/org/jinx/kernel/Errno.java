package org.jinx.kernel;

/**
 * Error codes as the kernel and system servers see them: negative, MINIX's numbers (spec 3.12).
 * Guest libc code sees the same numbers without the sign.
 */
public final class Errno {
    private Errno() {
    }

    public static final int OK = 0;
    public static final int EPERM = -1;
    public static final int ESRCH = -3;
    public static final int EFAULT = -14;
    public static final int EBUSY = -16;
    public static final int EINVAL = -22;
    public static final int EDOM = -33;
    public static final int EAGAIN = -35;
    public static final int ENOSYS = -78;
    public static final int ERESTART = -200;
    public static final int ENOTREADY = -201;
    public static final int EDEADSRCDST = -202;
    public static final int EDONTREPLY = -203;
    public static final int EGENERIC = -204;
    public static final int ELOCKED = -208;
    public static final int EBADCALL = -209;
    public static final int ECALLDENIED = -210;
    public static final int ETRAPDENIED = -211;
    public static final int EBADREQUEST = -212;
    public static final int EDEADEPT = -215;

    /** The symbolic name of a code, for logs and test messages. */
    public static String name(int code) {
        return switch (code) {
            case OK -> "OK";
            case EPERM -> "EPERM";
            case ESRCH -> "ESRCH";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EINVAL -> "EINVAL";
            case EDOM -> "EDOM";
            case EAGAIN -> "EAGAIN";
            case ENOSYS -> "ENOSYS";
            case ERESTART -> "ERESTART";
            case ENOTREADY -> "ENOTREADY";
            case EDEADSRCDST -> "EDEADSRCDST";
            case EDONTREPLY -> "EDONTREPLY";
            case EGENERIC -> "EGENERIC";
            case ELOCKED -> "ELOCKED";
            case EBADCALL -> "EBADCALL";
            case ECALLDENIED -> "ECALLDENIED";
            case ETRAPDENIED -> "ETRAPDENIED";
            case EBADREQUEST -> "EBADREQUEST";
            case EDEADEPT -> "EDEADEPT";
            default -> Integer.toString(code);
        };
    }
}
