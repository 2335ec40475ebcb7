# A boot sector that talks on COM1 by polling: it says "ready", then echoes every byte it
# receives with lower-case letters made upper-case, until it receives '.', which ends the run
# through the debug exit port with 0 (status 1).
#
# Assemble: as --32 -o serial_echo.o serial_echo.S
#           ld -m elf_i386 -Ttext 0x7C00 --oformat binary -o serial_echo.bin serial_echo.o

        .code16
        .set COM1, 0x3F8
        .set EXIT_PORT, 0xF4

        .text
        .globl _start
_start:
        cli
        xor %ax, %ax
        mov %ax, %ds
        mov %ax, %ss
        mov $0x7C00, %sp
        mov $COM1+3, %dx        # 115200 baud, 8N1
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

        mov $ready, %si
1:      lodsb
        test %al, %al
        jz echo
        call send
        jmp 1b

echo:   mov $COM1+5, %dx
2:      in %dx, %al
        test $0x01, %al         # data ready
        jz 2b
        mov $COM1, %dx
        in %dx, %al
        cmp $'.', %al
        je done
        cmp $'a', %al
        jb 3f
        cmp $'z', %al
        ja 3f
        sub $0x20, %al
3:      call send
        jmp echo

done:   xor %al, %al
        out %al, $EXIT_PORT
4:      hlt
        jmp 4b

send:   push %ax
        mov $COM1+5, %dx
5:      in %dx, %al
        test $0x20, %al         # transmitter holding register empty
        jz 5b
        pop %ax
        mov $COM1, %dx
        out %al, %dx
        ret

ready:  .asciz "ready\r\n"

        . = _start + 510
        .byte 0x55, 0xAA
