# irq.S: work under a 1 kHz timer interrupt. The 8259A pair is initialised (IRQ 0-7 at vectors
# 0x20-0x27, only IRQ 0 unmasked) and PIT channel 0 counts in mode 2 with divisor 1193
# (1.193182 MHz / 1193 = 1000.15 Hz). The IRQ 0 handler counts ticks and sends EOI. The main
# loop closes and opens the interrupt window (CLI ... STI) and latches and reads PIT channel 0
# on every iteration, so the emulator's interrupt checks, its STI shadow and its device I/O
# are all on the hot path. The tick count is returned as the auxiliary value: the instructions
# retired are BENCH_INSNS + ticks * HANDLER_INSNS, and the ticks differ from one emulator to
# the next (each has its own clock), but the checksum does not depend on them.
    .globl bench_main, BENCH_INSNS, HANDLER_INSNS
    .equ ITER, 6000000
    .equ DIVISOR, 1193
    .equ HANDLER_INSNS, 6
    .equ SETUP_INSNS, 6 + 2 + 4 * 32 + 6 + 2 + 1 + 2 * 10 + 2 * 3 + 1 + 4 + 1
    .set BENCH_INSNS, SETUP_INSNS + 20 * ITER + 6

# EAX, EDX = the two dwords of a 32-bit interrupt gate to handler in the flat code segment.
.macro GATE handler
    mov $\handler, %eax
    mov %eax, %edx
    and $0xFFFF, %eax
    or $0x00080000, %eax
    and $0xFFFF0000, %edx
    or $0x8E00, %edx
.endm

    .text
bench_main:
    GATE unexpected                  # 6 + 2, then 4 per vector: exceptions 0-31
    mov $idt, %edi
    mov $32, %ecx
1:  mov %eax, -8(%edi,%ecx,8)
    mov %edx, -4(%edi,%ecx,8)
    dec %ecx
    jnz 1b
    GATE irq0                        # 6 + 2: vector 0x20
    mov %eax, idt + 0x20 * 8
    mov %edx, idt + 0x20 * 8 + 4
    lidt idt_desc                    # 1

    mov $0x11, %al                   # 2 * 10: ICW1-ICW4 of master and slave, then the masks
    out %al, $0x20
    mov $0x20, %al
    out %al, $0x21
    mov $0x04, %al
    out %al, $0x21
    mov $0x01, %al
    out %al, $0x21
    mov $0x11, %al
    out %al, $0xA0
    mov $0x28, %al
    out %al, $0xA1
    mov $0x02, %al
    out %al, $0xA1
    mov $0x01, %al
    out %al, $0xA1
    mov $0xFE, %al
    out %al, $0x21
    mov $0xFF, %al
    out %al, $0xA1
    mov $0x34, %al                   # 2 * 3: channel 0, lobyte/hibyte, mode 2
    out %al, $0x43
    mov $DIVISOR & 0xFF, %al
    out %al, $0x40
    mov $DIVISOR >> 8, %al
    out %al, $0x40

    movl $0, ticks                   # 1 + 4 + 1
    mov $ITER, %ecx
    mov $1, %ebx
    mov $2, %esi
    mov $3, %edi
    sti
2:  cli                              # 20 per iteration
    add %ecx, %ebx
    xor %ebx, %esi
    rol $3, %esi
    add %esi, %edi
    sti
    mov $0x00, %al                   # latch channel 0 and read it (the value is not used)
    out %al, $0x43
    in $0x40, %al
    in $0x40, %al
    lea 3(%ebx,%edi), %edx
    xor %edx, %esi
    sub %ecx, %edi
    shl $1, %edx
    add %edx, %ebx
    mov %ebx, scratch
    add scratch, %edi
    inc %esi
    dec %ecx
    jnz 2b
    cli                              # 6
    mov ticks, %edx
    mov %ebx, %eax
    xor %esi, %eax
    xor %edi, %eax
    ret

irq0:                                # HANDLER_INSNS
    push %eax
    incl ticks
    mov $0x20, %al
    out %al, $0x20
    pop %eax
    iret

unexpected:
    cli
    hlt
    jmp unexpected

    .data
    .balign 8
idt_desc:
    .word 0x21 * 8 - 1
    .long idt

    .bss
    .balign 8
idt:     .space 0x21 * 8
ticks:   .long 0
scratch: .long 0
    .section .note.GNU-stack, "", @progbits
