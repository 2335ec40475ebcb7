package org.jinx.tools.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value parsers: memory sizes, port numbers and addresses, in the forms QEMU accepts. */
public final class Converters {
    private Converters() {
    }

    /** An unsigned number in decimal or with a 0x prefix, within [0, max]. */
    static long number(String s, long max, String what) {
        String t = s.trim().replace("_", "").toLowerCase(Locale.ROOT);
        long v;
        try {
            v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number (decimal, or hex with 0x)");
        }
        if (v < 0 || v > max) {
            throw new TypeConversionException(String.format("'%s' is out of range for %s (0 to 0x%X)", s, what, max));
        }
        return v;
    }

    /** Guest RAM: a number with an optional K, M or G suffix; without one it counts MiB, as QEMU's -m. */
    public static final class MemorySize implements ITypeConverter<Integer> {
        public static final long MIN = 1L << 20;
        /** The RAM is one Java array, and it must end below the ROM alias at 0xFFFE0000. */
        public static final long MAX = 2047L << 20;

        @Override
        public Integer convert(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT);
            t = t.endsWith("IB") ? t.substring(0, t.length() - 2) : t.endsWith("B") ? t.substring(0, t.length() - 1) : t;
            long unit = 1L << 20;
            if (!t.isEmpty()) {
                switch (t.charAt(t.length() - 1)) {
                    case 'K': unit = 1L << 10; t = t.substring(0, t.length() - 1); break;
                    case 'M': unit = 1L << 20; t = t.substring(0, t.length() - 1); break;
                    case 'G': unit = 1L << 30; t = t.substring(0, t.length() - 1); break;
                    default: break;
                }
            }
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "' is not a memory size (examples: 32M, 512K, 1G)");
            }
            if (n <= 0 || n > MAX / unit || n * unit < MIN || n * unit > MAX) {
                throw new TypeConversionException("'" + s + "' is out of range: guest RAM must be between 1M and 2047M");
            }
            long bytes = n * unit;
            if (bytes % 4096 != 0) {
                throw new TypeConversionException("'" + s + "' is not a multiple of 4K (the page size)");
            }
            return (int) bytes;
        }
    }

    /** An I/O port: 0 to 0xFFFF. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) number(s, 0xFFFF, "an I/O port");
        }
    }

    /** A 32-bit physical or linear address. */
    public static final class Address implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            return number(s, 0xFFFFFFFFL, "an address");
        }
    }

    /** A positive number of seconds; fractions allowed. */
    public static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "' is not a number of seconds");
            }
            if (!(v > 0) || v > 1e9) {
                throw new TypeConversionException("'" + s + "' must be a positive number of seconds");
            }
            return v;
        }
    }

    /** A count that must be at least 1. */
    public static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            long v = number(s, Long.MAX_VALUE, "a count");
            if (v == 0) {
                throw new TypeConversionException("'" + s + "' must be at least 1");
            }
            return v;
        }
    }
}
