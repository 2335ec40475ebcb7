# A boot sector and its second stage, for the built-in BIOS and for SeaBIOS under QEMU alike.
# The BIOS loads sector 0 to 0000:7C00 with DL = the boot drive. The boot sector reads the
# next three sectors (the second stage and a data sector) to 0000:7E00 with INT 13h AH=02h
# (CHS), prints through INT 10h AH=0Eh and COM1, and jumps to the second stage. On a hard
# disk the second stage also reads the data sector again by LBA (INT 13h AH=41h, 42h). The
# run ends through the debug exit port 0xF4 with 0 (status 1) when all went well, 1 (status 3)
# when a check failed.
#
# Assemble: as --32 -o boot.o boot.S; ld -m elf_i386 -Ttext 0x7C00 --oformat binary -o boot.bin boot.o

        .code16
        .set COM1, 0x3F8
        .set EXIT_PORT, 0xF4
        .set STAGE2, 0x7E00
        .set LBA_BUFFER, 0x9000

        .text
        .globl _start
_start:
        cli
        xor %ax, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov $0x7C00, %sp
        sti
        mov %dl, drive

        # COM1: 115200 baud (divisor 1), 8 data bits, no parity, 1 stop bit, FIFOs on
        mov $COM1+3, %dx
        mov $0x80, %al
        out %al, %dx
        mov $COM1, %dx
        mov $1, %al
        out %al, %dx
        inc %dx
        xor %al, %al
        out %al, %dx
        mov $COM1+3, %dx
        mov $0x03, %al
        out %al, %dx
        mov $COM1+2, %dx
        mov $0x07, %al
        out %al, %dx

        mov $s_boot, %si
        call puts
        mov drive, %al
        call puthex
        mov $s_crlf, %si
        call puts

        # sectors 2-4 (CHS 0/0/2, three of them) to 0000:7E00
        mov $0x0203, %ax
        mov $0x0002, %cx
        xor %dh, %dh
        mov drive, %dl
        mov $STAGE2, %bx
        int $0x13
        jc read_failed
        cmp $3, %al
        jne read_failed
        cmpw $0x5332, stage2_magic     # "2S"
        jne read_failed
        jmp stage2

read_failed:
        mov $s_chs_failed, %si
        call puts
        jmp fail

# puts: print the NUL-terminated string at DS:SI on the screen and on COM1
puts:
        push %ax
1:      lodsb
        test %al, %al
        jz 2f
        call putc
        jmp 1b
2:      pop %ax
        ret

# putc: AL on the screen (INT 10h teletype) and COM1 (polled)
putc:
        push %ax
        push %bx
        push %dx
        mov %al, %bl
        mov $COM1+5, %dx
3:      in %dx, %al
        test $0x20, %al
        jz 3b
        mov $COM1, %dx
        mov %bl, %al
        out %al, %dx
        mov $0x0E, %ah
        mov $0x0007, %bx
        int $0x10
        pop %dx
        pop %bx
        pop %ax
        ret

# puthex: AL as two hex digits
puthex:
        push %ax
        shr $4, %al
        call hexdigit
        pop %ax
        push %ax
        and $0x0F, %al
        call hexdigit
        pop %ax
        ret
hexdigit:
        add $'0', %al
        cmp $'9', %al
        jbe 4f
        add $7, %al
4:      jmp putc

fail:
        mov $s_fail, %si
        call puts
        mov $1, %al
        out %al, $EXIT_PORT
5:      hlt
        jmp 5b

drive:  .byte 0
s_boot: .asciz "boot: drive "
s_crlf: .asciz "\r\n"
s_chs_failed: .asciz "boot: CHS read failed\r\n"
s_fail: .asciz "FAIL\r\n"

        . = _start + 510
        .byte 0x55, 0xAA

# ---------------------------------------------------------------- sector 2: second stage
stage2_magic:
        .ascii "2S"
stage2:
        mov $s_stage2, %si
        call puts
        cmpb $0x80, drive
        jb no_lba

        # the data sector (LBA 3) again, by LBA, to 0000:9000
        mov $0x41, %ah
        mov $0x55AA, %bx
        mov drive, %dl
        int $0x13
        jc lba_missing
        cmp $0xAA55, %bx
        jne lba_missing
        testb $1, %cl
        jz lba_missing
        mov $0x42, %ah
        mov drive, %dl
        mov $dap, %si
        int $0x13
        jc lba_failed
        mov $LBA_BUFFER+0x100, %si
        call puts
        jmp no_lba
lba_missing:
        mov $s_lba_missing, %si
        call puts
        jmp fail
lba_failed:
        mov $s_lba_failed, %si
        call puts
        jmp fail

no_lba:
        mov $data_sector, %si            # as loaded by CHS
        call puts
        mov $s_done, %si
        call puts
        xor %al, %al
        out %al, $EXIT_PORT
6:      hlt
        jmp 6b

        .balign 4
dap:    .byte 0x10, 0
        .word 1                           # sectors
        .word LBA_BUFFER, 0               # offset, segment
        .long 3, 0                        # LBA

s_stage2: .asciz "stage2: loaded by INT 13h CHS\r\n"
s_lba_missing: .asciz "stage2: no INT 13h extensions\r\n"
s_lba_failed: .asciz "stage2: LBA read failed\r\n"
s_done: .asciz "done\r\n"

        . = _start + 3 * 512
# ---------------------------------------------------------------- sector 4 (LBA 3): data
data_sector:
        .asciz "data: sector 3 read by CHS\r\n"
        . = data_sector + 0x100
        .asciz "data: sector 3 read by LBA\r\n"
        . = _start + 4 * 512
