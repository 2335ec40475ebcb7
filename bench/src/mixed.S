# mixed.S: the instruction mix of ordinary code. Each iteration makes a call two levels deep
# (with pushes and pops), copies 16 dwords with REP MOVSD, multiplies and divides, takes a
# branch whose direction alternates, and reads the copied data back. Both directions of the
# branch run three instructions, so the count does not depend on the data.
    .globl bench_main, BENCH_INSNS
    .equ ITER, 4000000
    .equ WORK_INSNS, 5 + 4               # work (with its RET) and leaf (with its RET)
    .equ BODY_INSNS, 2 + WORK_INSNS + 6 + 9 + 4 + 4
    .set BENCH_INSNS, 3 + BODY_INSNS * ITER + 3

    .text
bench_main:
    mov $ITER, %ebp                 # 3
    mov $1, %ebx
    cld
1:  mov %ebp, %eax                  # 2 + WORK_INSNS
    call work
    add %eax, %ebx                  # 6: the copy
    mov %ebx, src_buf + 8
    mov $src_buf, %esi
    mov $dst_buf, %edi
    mov $16, %ecx
    rep movsl
    mov %ebp, %eax                  # 9: multiply and divide
    mov $0x9E3779B1, %ecx
    mul %ecx
    add %eax, %ebx
    mov %ebx, %eax
    xor %edx, %edx
    mov $1000003, %ecx
    div %ecx
    add %edx, %ebx
    test $1, %ebp                   # 4 either way
    jz 2f
    add $3, %ebx
    jmp 3f
2:  sub $5, %ebx
    nop
3:  add dst_buf + 8, %ebx           # 4
    xor dst_buf + 4, %ebx
    dec %ebp
    jnz 1b
    mov %ebx, %eax                  # 3
    xor %edx, %edx
    ret

# EAX = f(EAX) through one more call level: 5 instructions with the RET, plus leaf.
work:
    push %ebx
    lea 1(%eax,%eax,2), %ebx
    call leaf
    pop %ebx
    ret

# 4 instructions with the RET.
leaf:
    mov %ebx, %eax
    shr $3, %eax
    xor %ebx, %eax
    ret

    .data
    .balign 16
src_buf:
    .long 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16

    .bss
    .balign 16
dst_buf:
    .space 64
    .section .note.GNU-stack, "", @progbits
