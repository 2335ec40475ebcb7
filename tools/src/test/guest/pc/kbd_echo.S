# A boot sector that reads keys through INT 16h AH=00h (waiting with interrupts on) and sends
# each key's character to COM1, until '.', which ends the run with 0 (status 1).
#
# Assemble: as --32 -o kbd_echo.o kbd_echo.S
#           ld -m elf_i386 -Ttext 0x7C00 --oformat binary -o kbd_echo.bin kbd_echo.o

        .code16
        .set COM1, 0x3F8
        .text
        .globl _start
_start:
        xor %ax, %ax
        mov %ax, %ds
        mov %ax, %ss
        mov $0x7C00, %sp
        sti
1:      xor %ah, %ah
        int $0x16
        cmp $'.', %al
        je 3f
        mov %al, %bl
        mov $COM1+5, %dx
2:      in %dx, %al
        test $0x20, %al
        jz 2b
        mov $COM1, %dx
        mov %bl, %al
        out %al, %dx
        jmp 1b
3:      xor %al, %al
        out %al, $0xF4
4:      hlt
        jmp 4b

        . = _start + 510
        .byte 0x55, 0xAA
