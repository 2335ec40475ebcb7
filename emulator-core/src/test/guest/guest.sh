#!/bin/sh
# Builds a guest program into a 64 KiB ROM image and runs it under QEMU.
#   guest.sh build NAME [OUTDIR]   ->  OUTDIR/NAME.bin (OUTDIR defaults to ../../../target/guest)
#   guest.sh qemu NAME [OUTDIR]    ->  builds, runs under qemu-system-i386, prints port 0xE9
# Exit status of `qemu`: 1 when every check passed, 3 when one failed (isa-debug-exit).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cmd=$1
name=$(basename "${2:?usage: guest.sh build|qemu NAME [OUTDIR]}" .S)
out=${3:-$here/../../../target/guest}
mkdir -p "$out"
as --32 -I "$here/include" -o "$out/$name.o" "$here/$name.S"
ld -m elf_i386 --no-warn-rwx-segments -T "$here/include/rom.ld" -o "$out/$name.elf" "$out/$name.o"
objcopy -O binary "$out/$name.elf" "$out/$name.bin"
case $cmd in
build) ;;
qemu)
    set +e
    timeout 20 qemu-system-i386 -bios "$out/$name.bin" -m 4 -display none -monitor none \
        -no-reboot -nodefaults -chardev stdio,id=dbg -device isa-debugcon,iobase=0xe9,chardev=dbg \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04
    exit $? ;;
*) echo "unknown command: $cmd" >&2; exit 2 ;;
esac
