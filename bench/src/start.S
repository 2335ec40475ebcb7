# start.S: what every benchmark ROM shares. The reset vector enters 16-bit code that switches
# to 32-bit protected mode with flat segments, copies the benchmark from the ROM to 1 MiB and
# calls bench_main. bench_main returns the checksum in EAX and an auxiliary value in EDX (the
# timer ticks of irq.S, 0 elsewhere); bench_exit prints both on port 0xE9 as
#   checksum=XXXXXXXX aux=XXXXXXXX
# and ends the run: a write to port 0xF4 (QEMU's isa-debug-exit and Jinx), then "Shutdown" to
# port 0x8900 (Bochs). Everything here runs a fixed number of instructions, declared below as
# START_INSNS and EXIT_INSNS; the harness adds the benchmark's own BENCH_INSNS and compares
# the sum with the instructions Jinx retired up to and including the OUT to port 0xF4.

    .equ SEL_CODE, 0x08
    .equ SEL_DATA, 0x10
    .equ STACK_TOP, 0x90000
    .equ COPY_DWORDS, 48 * 1024 / 4

# Instruction counts of the fixed parts (each term is one straight-line run or one loop).
    .globl START_INSNS, EXIT_INSNS
    .set START_INSNS, 1 + 7 + 7 + 3 + 6 * COPY_DWORDS + 1
    .set MSG_LEN, 9                  # "checksum="
    .set AUX_LEN, 5                  # " aux="
    .set EXIT_INSNS, 3 + 3 + 4 * MSG_LEN + 2 + 7 * 8 + 3 + 4 * AUX_LEN + 2 + 7 * 8 + 2 + 2

    .section .text16, "ax"
    .code16
    .globl start16
start16:                             # 7 instructions up to the far jump
    cli
    cld
    lgdtl %cs:gdt_desc
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $SEL_CODE, $pm32

    .balign 8
gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt

    .section .rom32, "ax"
    .code32
pm32:                                # 7 instructions
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov $STACK_TOP, %esp
    mov $payload_lma, %esi           # 3 instructions, then 6 per dword
    mov $0x100000, %edi
    mov $COPY_DWORDS, %ecx
1:  mov (%esi), %eax
    mov %eax, (%edi)
    add $4, %esi
    add $4, %edi
    dec %ecx
    jnz 1b
    call bench_main                  # 1; bench_main's instructions (with its RET) are BENCH_INSNS

# EXIT_INSNS from here to the OUT to port 0xF4.
bench_exit:
    mov %eax, %ebx                   # 3
    mov %edx, %ebp
    mov $0xE9, %dx
    mov $msg_sum, %esi               # 3
    mov $MSG_LEN, %ecx
    cld
2:  lodsb                            # 4 per character
    outb %al, %dx
    dec %ecx
    jnz 2b
    mov $8, %ecx                     # 2
    xor %edi, %edi
3:  rol $4, %ebx                     # 7 per hex digit
    mov %ebx, %eax
    and $15, %eax
    movb hex_digits(%eax), %al
    outb %al, %dx
    dec %ecx
    jnz 3b
    mov %ebp, %ebx                   # 3
    mov $msg_aux, %esi
    mov $AUX_LEN, %ecx
4:  lodsb                            # 4 per character
    outb %al, %dx
    dec %ecx
    jnz 4b
    mov $8, %ecx                     # 2
    xor %edi, %edi
5:  rol $4, %ebx                     # 7 per hex digit
    mov %ebx, %eax
    and $15, %eax
    movb hex_digits(%eax), %al
    outb %al, %dx
    dec %ecx
    jnz 5b
    mov $'\n', %al                   # 2
    outb %al, %dx
    xor %eax, %eax                   # 2: the run ends here under Jinx and QEMU
    outb %al, $0xF4
    mov $0x8900, %dx                 # Bochs: its shutdown port
    mov $msg_shutdown, %esi
    mov $8, %ecx
6:  lodsb
    outb %al, %dx
    dec %ecx
    jnz 6b
    cli
7:  hlt
    jmp 7b

msg_sum:      .ascii "checksum="
msg_aux:      .ascii " aux="
msg_shutdown: .ascii "Shutdown"
hex_digits:   .ascii "0123456789ABCDEF"

# Flat 4 GiB code and data. The accessed bits are preset: the GDT is in ROM.
    .balign 8
gdt:
    .quad 0
    .quad 0x00CF9B000000FFFF
    .quad 0x00CF93000000FFFF
gdt_end:

    .section .reset, "ax"
    .code16
    ljmp $0xF000, $start16           # 1 instruction (in START_INSNS)
    .section .note.GNU-stack, "", @progbits
