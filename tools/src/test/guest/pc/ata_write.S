# A boot sector for a hard disk image that writes two sectors through the ATA controller
# (primary channel, PIO), asks the disk to flush its cache, and ends through the debug exit
# port: 0 (status 1) when the controller reported no error, 1 (status 3) otherwise.
# Sector 5 gets "JINX ATA WRITE 5" and then bytes 5, 6, 7, ...; sector 6 the same with 6.
#
# Assemble: as --32 -o ata_write.o ata_write.S
#           ld -m elf_i386 -Ttext 0x7C00 --oformat binary -o ata_write.bin ata_write.o

        .code16
        .set ATA, 0x1F0
        .set EXIT_PORT, 0xF4
        .set BUFFER, 0x8000

        .text
        .globl _start
_start:
        cli
        xor %ax, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov $0x7C00, %sp
        cld

        # two sectors of data at 0000:8000
        mov $BUFFER, %di
        mov $5, %bl
        call fill
        mov $6, %bl
        call fill

        call wait_ready
        mov $ATA+6, %dx
        mov $0xE0, %al          # LBA, master, LBA bits 27-24 = 0
        out %al, %dx
        mov $ATA+2, %dx
        mov $2, %al             # two sectors
        out %al, %dx
        inc %dx
        mov $5, %al             # LBA 5
        out %al, %dx
        inc %dx
        xor %al, %al
        out %al, %dx
        inc %dx
        out %al, %dx
        mov $ATA+7, %dx
        mov $0x30, %al          # WRITE SECTORS
        out %al, %dx

        mov $BUFFER, %si
        mov $2, %bp
1:      call wait_drq
        mov $ATA, %dx
        mov $256, %cx
        rep outsw
        dec %bp
        jnz 1b

        call wait_ready
        mov $ATA+7, %dx
        mov $0xE7, %al          # FLUSH CACHE
        out %al, %dx
        call wait_ready
        test $0x01, %al         # ERR
        jnz failed
        xor %al, %al
        out %al, $EXIT_PORT
failed:
        mov $1, %al
        out %al, $EXIT_PORT
2:      hlt
        jmp 2b

# fill: one sector at ES:DI: the tag, then bytes BL, BL+1, ...
fill:
        mov $tag, %si
        mov $14, %cx
        rep movsb
        mov %bl, %al
        add $'0', %al
        stosb
        mov $497, %cx
        mov %bl, %al
3:      stosb
        inc %al
        loop 3b
        ret

# wait_ready: until BSY is clear; AL = status
wait_ready:
        mov $ATA+7, %dx
4:      in %dx, %al
        test $0x80, %al
        jnz 4b
        ret

# wait_drq: until BSY is clear and DRQ set (ERR ends the run)
wait_drq:
        call wait_ready
        test $0x01, %al
        jnz failed
        test $0x08, %al
        jz wait_drq
        ret

tag:    .ascii "JINX ATA WRITE"

        . = _start + 510
        .byte 0x55, 0xAA
