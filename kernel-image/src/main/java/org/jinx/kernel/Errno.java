package org.jinx.kernel;

import org.jinx.kernel.abi.Abi;

/**
 * Error codes as the kernel and system servers see them: negative, MINIX's numbers (spec 3.12).
 * Guest libc code sees the same numbers without the sign.
 */
public final class Errno {
    private Errno() {
    }

    @Abi
    public static final int OK = 0;
    @Abi
    public static final int EPERM = -1;
    @Abi
    public static final int ENOENT = -2;
    @Abi
    public static final int ESRCH = -3;
    @Abi
    public static final int EINTR = -4;
    @Abi
    public static final int EIO = -5;
    @Abi
    public static final int ENXIO = -6;
    @Abi
    public static final int E2BIG = -7;
    @Abi
    public static final int ENOMEM = -12;
    @Abi
    public static final int EFAULT = -14;
    @Abi
    public static final int EBUSY = -16;
    @Abi
    public static final int EINVAL = -22;
    @Abi
    public static final int ENOSPC = -28;
    @Abi
    public static final int EDOM = -33;
    @Abi
    public static final int EAGAIN = -35;
    @Abi
    public static final int ENOSYS = -78;
    @Abi
    public static final int ERESTART = -200;
    @Abi
    public static final int ENOTREADY = -201;
    @Abi
    public static final int EDEADSRCDST = -202;
    @Abi
    public static final int EDONTREPLY = -203;
    @Abi
    public static final int EGENERIC = -204;
    @Abi
    public static final int ELOCKED = -208;
    @Abi
    public static final int EBADCALL = -209;
    @Abi
    public static final int ECALLDENIED = -210;
    @Abi
    public static final int ETRAPDENIED = -211;
    @Abi
    public static final int EBADREQUEST = -212;
    @Abi
    public static final int EDEADEPT = -215;

    /** The symbolic name of a code, for logs and test messages. */
    public static String name(int code) {
        return switch (code) {
            case OK -> "OK";
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case E2BIG -> "E2BIG";
            case ENOMEM -> "ENOMEM";
            case ENOSPC -> "ENOSPC";
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
