# A boot sector that writes "Jinx VGA text" straight into text memory at B800:0000, row 3
# column 10, white on blue (attribute 1Fh), and a second line in yellow on black (0Eh) below
# it, then idles with interrupts on.
#
# Assemble: as --32 -o vga_text.o vga_text.S
#           ld -m elf_i386 -Ttext 0x7C00 --oformat binary -o vga_text.bin vga_text.o

        .code16
        .text
        .globl _start
_start:
        cli
        xor %ax, %ax
        mov %ax, %ds
        mov %ax, %ss
        mov $0x7C00, %sp
        mov $0xB800, %ax
        mov %ax, %es
        cld

        mov $line1, %si
        mov $(2 * (3 * 80 + 10)), %di
        mov $0x1F, %ah
        call put
        mov $line2, %si
        mov $(2 * (4 * 80 + 10)), %di
        mov $0x0E, %ah
        call put
        sti
1:      hlt
        jmp 1b

put:    lodsb
        test %al, %al
        jz 2f
        stosw
        jmp put
2:      ret

line1:  .asciz "Jinx VGA text"
line2:  .asciz "#@%&[]{}"

        . = _start + 510
        .byte 0x55, 0xAA
