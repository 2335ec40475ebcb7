package org.jinx.tools.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small boot images made byte by byte, for the CLI's error paths. */
final class TestFiles {
    private TestFiles() {
    }

    /** A multiboot kernel at 1 MiB: the header, then {@code code}, which is the entry point. */
    static byte[] multiboot(int... code) {
        ByteBuffer b = ByteBuffer.allocate(12 + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x1BADB002).putInt(0).putInt(-0x1BADB002);
        for (int c : code) {
            b.put((byte) c);
        }
        return elf32(0x100000, 0x10000C, b.array());
    }

    /** A valid i386 ELF executable with one PT_LOAD segment holding {@code code} at {@code addr}. */
    static byte[] elf32(int addr, byte[] code) {
        return elf32(addr, addr, code);
    }

    static byte[] elf32(int addr, int entry, byte[] code) {
        ByteBuffer b = ByteBuffer.allocate(52 + 32 + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 3).putInt(1).putInt(entry).putInt(52).putInt(0).putInt(0)
                .putShort((short) 52).putShort((short) 32).putShort((short) 1).putShort((short) 40)
                .putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(84).putInt(addr).putInt(addr).putInt(code.length).putInt(code.length).putInt(5).putInt(4);
        b.put(code);
        return b.array();
    }

    /** The start of an x86-64 ELF file: enough for a loader to see its class. */
    static byte[] elf64Header() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 62);
        return b.array();
    }
}
