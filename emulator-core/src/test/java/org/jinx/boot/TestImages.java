package org.jinx.boot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds small ELF files and multiboot headers byte by byte, so loader tests need no toolchain. */
final class TestImages {
    private TestImages() {
    }

    /** A 12-byte multiboot header with the given flags and a correct checksum. */
    static byte[] header(int flags) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MultibootHeader.MAGIC).putInt(flags).putInt(-(MultibootHeader.MAGIC + flags));
        return b.array();
    }

    /** A 32-byte header with flag bit 16 and its address fields. */
    static byte[] kludgeHeader(int headerAddr, int loadAddr, int loadEnd, int bssEnd, int entry) {
        int flags = MultibootHeader.AOUT_KLUDGE;
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MultibootHeader.MAGIC).putInt(flags).putInt(-(MultibootHeader.MAGIC + flags));
        b.putInt(headerAddr).putInt(loadAddr).putInt(loadEnd).putInt(bssEnd).putInt(entry);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** An ELF file builder: header fields can be spoiled to test each refusal. */
    static final class Elf {
        int elfClass = 1;
        int data = 1;
        int type = ElfFile.ET_EXEC;
        int machine = ElfFile.EM_386;
        int entry;
        private final List<int[]> segs = new ArrayList<>();
        private final List<byte[]> contents = new ArrayList<>();

        /** Adds a PT_LOAD segment with {@code bytes} in the file and {@code memsz} in memory. */
        Elf segment(int vaddr, int paddr, byte[] bytes, int memsz, int flags) {
            segs.add(new int[] {vaddr, paddr, bytes.length, memsz, flags});
            contents.add(bytes);
            return this;
        }

        Elf entry(int e) {
            entry = e;
            return this;
        }

        byte[] build() {
            int phoff = 52;
            int dataOff = phoff + 32 * segs.size();
            int total = dataOff;
            for (byte[] c : contents) {
                total += c.length;
            }
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) elfClass, (byte) data, 1, 0});
            b.position(16);
            b.putShort((short) type).putShort((short) machine).putInt(1).putInt(entry).putInt(phoff).putInt(0)
                    .putInt(0).putShort((short) 52).putShort((short) 32).putShort((short) segs.size())
                    .putShort((short) 40).putShort((short) 0).putShort((short) 0);
            int off = dataOff;
            for (int i = 0; i < segs.size(); i++) {
                int[] s = segs.get(i);
                b.position(phoff + 32 * i);
                b.putInt(ElfFile.PT_LOAD).putInt(off).putInt(s[0]).putInt(s[1]).putInt(s[2]).putInt(s[3])
                        .putInt(s[4]).putInt(4);
                b.position(off);
                b.put(contents.get(i));
                off += s[2];
            }
            return b.array();
        }
    }
}
