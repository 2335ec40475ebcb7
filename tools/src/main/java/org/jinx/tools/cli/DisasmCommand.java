package org.jinx.tools.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jinx.boot.BootException;
import org.jinx.boot.ElfFile;
import org.jinx.boot.ImageFiles;
import org.jinx.cpu.decode.Disassembler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jinx disasm}: an Intel-syntax listing from the same opcode table the CPU executes. An
 * i386 ELF file is listed segment by segment at its link addresses; anything else is a flat
 * binary placed at {@code --org}.
 */
@Command(name = "disasm",
        mixinStandardHelpOptions = true,
        description = {"Disassemble a flat binary or the executable segments of an i386 ELF file.",
            "Each line: address, instruction bytes, instruction (Intel syntax)."},
        footer = {"", "Examples:", "  jinx disasm boot.bin --org 0x7c00", "  jinx disasm kernel.elf",
            "  jinx disasm rom.bin --org 0xf0000 --offset 0xfff0 --length 16"})
public final class DisasmCommand implements Callable<Integer> {
    /** A listing of more than this is not what anyone wants on a terminal; it also bounds memory. */
    static final long MAX_FILE = 64L << 20;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to disassemble.")
    Path file;

    @Option(names = "--org", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "Address of the first byte of a flat binary, as an assembler's org (default: 0).")
    Long org;

    @Option(names = "--bits", paramLabel = "16|32",
            description = "Default operand and address size (default: 32 for ELF files, 16 for flat binaries).")
    Integer bits;

    @Option(names = "--offset", paramLabel = "N", converter = Converters.Address.class,
            description = "Start this many bytes into a flat binary (default: 0).")
    Long offset;

    @Option(names = "--length", paramLabel = "N", converter = Converters.Address.class,
            description = "List at most N bytes of a flat binary (default: to the end).")
    Long length;

    @Option(names = "--raw", description = "Treat an ELF file as a flat binary too.")
    boolean raw;

    @Override
    public Integer call() throws BootException {
        if (bits != null && bits != 16 && bits != 32) {
            throw new CliError(ExitStatus.USAGE, "--bits must be 16 or 32, not " + bits);
        }
        byte[] bytes = ImageFiles.read(file, "file", MAX_FILE);
        if (ElfFile.isElf(bytes) && !raw) {
            if (org != null || offset != null || length != null) {
                throw new CliError(ExitStatus.USAGE,
                        "--org, --offset and --length apply to flat binaries; an ELF file is listed at its own addresses (add --raw to override)");
            }
            listElf(ElfFile.parse(bytes, file.toString()), bytes);
        } else {
            listFlat(bytes);
        }
        return ExitStatus.OK;
    }

    private void listElf(ElfFile elf, byte[] bytes) {
        boolean code32 = bits == null || bits == 32;
        boolean any = false;
        for (ElfFile.Segment s : elf.loads) {
            if (!s.executable() || s.filesz() == 0) {
                continue;
            }
            any = true;
            main.out.printf("; segment at 0x%08x, %d bytes%s%n", s.vaddr(), s.filesz(),
                    elf.entry >= s.vaddr() && elf.entry < s.vaddr() + s.memsz() ? String.format(", entry 0x%08x", elf.entry) : "");
            byte[] code = Arrays.copyOfRange(bytes, (int) s.offset(), (int) (s.offset() + s.filesz()));
            print(code, (int) s.vaddr(), code32);
        }
        if (!any) {
            throw new CliError(ExitStatus.BAD_INPUT, "'" + file + "' has no executable segment to list");
        }
    }

    private void listFlat(byte[] bytes) {
        long start = offset == null ? 0 : offset;
        if (start > bytes.length) {
            throw new CliError(ExitStatus.USAGE, String.format("--offset %d is past the end of '%s' (%d bytes)", start, file, bytes.length));
        }
        long end = length == null ? bytes.length : Math.min(bytes.length, start + length);
        byte[] code = Arrays.copyOfRange(bytes, (int) start, (int) end);
        print(code, (int) ((org == null ? 0 : org) + start), bits != null && bits == 32);
    }

    private void print(byte[] code, int origin, boolean code32) {
        for (String line : Disassembler.listing(code, origin, code32)) {
            main.out.println(line);
        }
    }
}
