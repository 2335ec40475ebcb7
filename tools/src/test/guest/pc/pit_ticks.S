# A multiboot kernel that counts timer interrupts for one second of RTC time: it loads its own
# GDT and IDT, maps the 8259As to vectors 20h-2Fh with only IRQ 0 unmasked, programs 8254
# counter 0 for 100 Hz (mode 2, 11932), waits for the RTC to finish an update (UIP falls),
# counts IRQ 0 until the next update, prints "ticks: N" on port 0xE9 and exits with 0.
#
# Assemble: as --32 -o pit_ticks.o pit_ticks.S
#           ld -m elf_i386 -Ttext=0x100000 -e _start -o pit_ticks.elf pit_ticks.o

        .set DEBUGCON, 0xE9
        .set EXIT_PORT, 0xF4

        .section .note.GNU-stack, "", @progbits
        .text
        .globl _start
        .align 4
        .long 0x1BADB002, 0, -0x1BADB002
_start:
        mov $stack_top, %esp
        lgdt gdt_desc
        ljmp $0x08, $1f
1:      mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss

        # IDT: every vector to "unexpected", vector 20h to the tick handler
        mov $idt, %edi
        xor %ecx, %ecx
2:      mov $unexpected, %eax
        cmp $0x20, %ecx
        jne 3f
        mov $irq0, %eax
3:      mov %ax, (%edi)
        movw $0x08, 2(%edi)
        movw $0x8E00, 4(%edi)          # present, DPL 0, 32-bit interrupt gate
        shr $16, %eax
        mov %ax, 6(%edi)
        add $8, %edi
        inc %ecx
        cmp $48, %ecx
        jb 2b
        lidt idt_desc

        # 8259A pair: vectors 20h and 28h, cascade on IR2, only IRQ 0 unmasked
        mov $0x11, %al
        out %al, $0x20
        out %al, $0xA0
        mov $0x20, %al
        out %al, $0x21
        mov $0x28, %al
        out %al, $0xA1
        mov $0x04, %al
        out %al, $0x21
        mov $0x02, %al
        out %al, $0xA1
        mov $0x01, %al
        out %al, $0x21
        out %al, $0xA1
        mov $0xFE, %al
        out %al, $0x21
        mov $0xFF, %al
        out %al, $0xA1

        # 8254 counter 0: mode 2, 1193182 / 11932 = 100 Hz
        mov $0x34, %al
        out %al, $0x43
        mov $(11932 & 0xFF), %al
        out %al, $0x40
        mov $(11932 >> 8), %al
        out %al, $0x40

        call second_boundary
        movl $0, ticks
        sti
        call second_boundary
        cli
        mov $s_ticks, %esi
        call puts
        mov ticks, %eax
        call putdec
        mov $'\n', %al
        out %al, $DEBUGCON
        xor %al, %al
        out %al, $EXIT_PORT
4:      hlt
        jmp 4b

# second_boundary: returns just after the RTC's update-in-progress bit falls
second_boundary:
5:      mov $0x0A, %al
        out %al, $0x70
        in $0x71, %al
        test $0x80, %al
        jz 5b
6:      mov $0x0A, %al
        out %al, $0x70
        in $0x71, %al
        test $0x80, %al
        jnz 6b
        ret

irq0:
        incl ticks
        push %eax
        mov $0x20, %al
        out %al, $0x20
        pop %eax
        iret

unexpected:
        mov $s_unexpected, %esi
        call puts
        mov $1, %al
        out %al, $EXIT_PORT
        jmp unexpected

puts:
        lodsb
        test %al, %al
        jz 7f
        out %al, $DEBUGCON
        jmp puts
7:      ret

# putdec: EAX in decimal
putdec:
        mov $10, %ecx
        xor %ebx, %ebx
8:      xor %edx, %edx
        div %ecx
        push %edx
        inc %ebx
        test %eax, %eax
        jnz 8b
9:      pop %eax
        add $'0', %al
        out %al, $DEBUGCON
        dec %ebx
        jnz 9b
        ret

s_ticks: .asciz "ticks: "
s_unexpected: .asciz "unexpected interrupt\n"

        .align 8
gdt:    .quad 0
        .quad 0x00CF9A000000FFFF          # 08: flat 32-bit code
        .quad 0x00CF92000000FFFF          # 10: flat data
gdt_desc:
        .word gdt_desc - gdt - 1
        .long gdt
idt_desc:
        .word 48 * 8 - 1
        .long idt

        .bss
        .align 8
idt:    .space 48 * 8
ticks:  .long 0
        .space 4096
stack_top:
