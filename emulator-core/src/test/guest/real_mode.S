# real_mode.S: the 386 in real mode, as it comes out of reset.
# Segment:offset arithmetic, 16-bit offset wraparound and A20, segment overrides and default
# segments; far CALL/RET/JMP (also through CS aliases and with a 32-bit operand); INT/IRET
# through the IVT (software interrupts, INT3, INTO, #DE as a fault, a moved IVT); string
# instructions with REP, DF = 1 and overrides; PUSHA/POPA, PUSH SP, ENTER/LEAVE; branches.
# Arithmetic and flags are in real_mode_arith.S.

    .include "report.inc"

    PROGRAM real_mode

    .equ SCRATCH, 0x7000        # below the stack's working area, above the IVT

main:
    call segments
    call far_transfers
    call interrupts
    call strings
    call push_pop
    call branches
    DONE

# ---------------------------------------------------------------- segment arithmetic

segments:
    PRINT "# segments\n"
    # 1000:0010 and 1001:0000 are the same byte: linear 0x10010.
    mov $0x1000, %ax
    mov %ax, %ds
    movb $0xA5, 0x0010
    mov $0x1001, %ax
    mov %ax, %es
    movb %es:0x0000, %al
    xor %bx, %bx
    mov %bx, %ds
    CHECK_EQ16 "seg*16+off aliasing", %ax, $0x10A5

    # The effective address wraps at 64 KiB: 2000:(FFFF+3) is linear 0x20002.
    mov $0x2000, %ax
    mov %ax, %es
    movb $0x5A, %es:0x0002
    mov $0xFFFF, %bx
    mov $3, %si
    movb %es:(%bx,%si), %al
    CHECK_EQ16 "effective address wraps in the segment", %ax, $0x205A

    # With A20 enabled FFFF:0020 is linear 0x100010, not 0x10.
    mov $0xFFFF, %ax
    mov %ax, %es
    mov %ds:0x0010, %ecx           # keep IVT entry 4
    movl $0x11111111, %ds:0x0010
    movl $0x22222222, %es:0x0020
    mov %ds:0x0010, %eax
    mov %ecx, %ds:0x0010
    CHECK_EQ "FFFF:0020 does not wrap to 0:0010 (A20 on)", %eax, $0x11111111
    mov %es:0x0020, %eax
    CHECK_EQ "FFFF:0020 holds its own value", %eax, $0x22222222

    # BP addresses through SS, BX through DS.
    mov $0x3000, %ax
    mov %ax, %ds
    movw $0x1111, 0x0100
    xor %ax, %ax
    mov %ax, %ds
    movw $0x2222, SCRATCH
    mov $SCRATCH, %bp
    mov $0x0100, %bx
    mov $0x3000, %ax
    mov %ax, %ds
    mov (%bp), %cx              # SS:SCRATCH
    mov (%bx), %dx              # DS:0100
    movw $0x3333, SCRATCH       # linear 0x37000
    mov %ds:(%bp), %si
    xor %ax, %ax
    mov %ax, %ds
    CHECK_EQ16 "[bp] defaults to SS", %cx, $0x2222
    CHECK_EQ16 "[bx] defaults to DS", %dx, $0x1111
    CHECK_EQ16 "DS override on [bp]", %si, $0x3333

    # A CS override reads this ROM.
    mov %cs:rom_word, %ax
    CHECK_EQ16 "CS override reads the ROM", %ax, $0xBEEF

    # 32-bit addressing in real mode (offset below 64 KiB).
    mov $SCRATCH, %esi
    movl $0xCAFEF00D, (%esi)
    mov $2, %ecx
    mov -2(%esi,%ecx,1), %eax
    CHECK_EQ "32-bit address form", %eax, $0xCAFEF00D

    push %ds
    mov $0x1234, %ax
    mov %ax, %ds
    push %ds
    pop %es
    pop %ds
    mov %es, %ax
    CHECK_EQ16 "push ds / pop es", %ax, $0x1234
    mov %ds, %ax
    CHECK_EQ16 "ds restored", %ax, $0

    lds %cs:far_ptr, %bx
    mov %ds, %ax
    mov %bx, %cx
    xor %dx, %dx
    mov %dx, %ds
    CHECK_EQ16 "lds offset", %cx, $0x5678
    CHECK_EQ16 "lds segment", %ax, $0x1234
    lfs %cs:far_ptr, %bx
    mov %fs, %ax
    xor %dx, %dx
    mov %dx, %fs
    CHECK_EQ16 "lfs segment", %ax, $0x1234
    ret

rom_word:   .word 0xBEEF
far_ptr:    .word 0x5678, 0x1234

# ---------------------------------------------------------------- far CALL, RET, JMP

far_transfers:
    PRINT "# far transfers\n"
    lcall $0xF000, $far_get_cs
    CHECK_EQ16 "far call to F000", %ax, $0xF000

    # EF00:(x+1000) is the same code as F000:x, reached with another CS.
    lcall $0xEF00, $(far_get_cs + 0x1000)
    CHECK_EQ16 "far call through an alias sets CS", %ax, $0xEF00
    mov %cs, %ax
    CHECK_EQ16 "far return restores CS", %ax, $0xF000

    mov %sp, %cx
    push $7
    push $5
    lcall $0xF000, $far_sub_args
    mov %sp, %dx
    CHECK_EQ16 "retf imm pops the arguments", %ax, $2
    CHECK_EQ16 "stack balanced after retf imm", %dx, %cx

    # F010:(x-100) is F000:x again.
    movw $(far_get_cs - 0x100), SCRATCH
    movw $0xF010, SCRATCH + 2
    lcall *SCRATCH
    CHECK_EQ16 "far call through memory", %ax, $0xF010

    mov $0, %cx
    ljmp $0xEF00, $(far_jmp_target + 0x1000)
far_jmp_back:
    CHECK_EQ16 "far jmp through an alias", %cx, $0xEF00

    # A far call with a 32-bit operand pushes CS and EIP as dwords.
    lcalll $0xF000, $far_call32
far_call32_ret:
    CHECK_EQ "o32 far call pushes a 32-bit EIP", %eax, $far_call32_ret
    CHECK_EQ "o32 far call pushes CS in a dword", %ebx, $0xF000
    ret

far_call32:
    mov %sp, %bp
    mov (%bp), %eax
    mov 4(%bp), %ebx
    lretl

far_get_cs:
    mov %cs, %ax
    lret

# Returns [sp+6] - [sp+4] (the second argument minus the first) and pops both.
far_sub_args:
    push %bp
    mov %sp, %bp
    mov 8(%bp), %ax
    sub 6(%bp), %ax
    pop %bp
    lret $4

far_jmp_target:
    mov %cs, %cx
    ljmp $0xF000, $far_jmp_back

# ---------------------------------------------------------------- INT and IRET

interrupts:
    PRINT "# interrupts\n"
    xor %ax, %ax
    mov %ax, %es
    movw $int40_handler, %es:(0x40 * 4)
    movw $0xF000, %es:(0x40 * 4 + 2)
    movw $int41_handler, %es:(0x41 * 4)
    movw $0xF000, %es:(0x41 * 4 + 2)

    sti
    stc
    mov $0x1111, %ax
    int $0x40
int40_ret:
    CHECK_EQ16 "int 40: handler ran", %ax, $0x4040
    CHECK_EQ16 "int 40: return IP pushed", %bx, $int40_ret
    CHECK_EQ16 "int 40: CS pushed", %cx, $0xF000
    CHECK_EQ16 "int 40: IF clear in handler", %dx, $0
    CHECK_EQ16 "int 40: pushed flags had IF and CF", %si, $(IF|CF)
    CHECK_FLAGS "iret restores IF", IF, IF
    cli

    # The handler edits the saved flags: IRET must load them.
    clc
    int $0x41
    CHECK_FLAGS "iret loads flags edited in the frame", CF|ZF, CF|ZF

    movw $int3_handler, %es:(3 * 4)
    movw $0xF000, %es:(3 * 4 + 2)
    xor %ax, %ax
    int3
int3_ret:
    CHECK_EQ16 "int3 (CC) goes to vector 3", %ax, $3
    CHECK_EQ16 "int3 returns after itself", %bx, $int3_ret

    movw $into_handler, %es:(4 * 4)
    movw $0xF000, %es:(4 * 4 + 2)
    xor %ax, %ax
    mov $0x7F, %dl
    add $1, %dl                    # OF = 1
    into
    CHECK_EQ16 "into with OF=1 calls vector 4", %ax, $4
    xor %ax, %ax
    add $1, %dl                    # 0x81: OF = 0
    into
    CHECK_EQ16 "into with OF=0 does nothing", %ax, $0

    # #DE is a fault: the saved IP is the DIV itself; the handler skips the 2-byte DIV.
    movw $de_handler, %es:(0 * 4)
    movw $0xF000, %es:(0 * 4 + 2)
    xor %si, %si
    mov $1, %ax
    xor %bl, %bl
de_insn:
    div %bl
    CHECK_EQ16 "#DE handler ran", %si, $1
    CHECK_EQ16 "#DE saved IP is the faulting DIV", %di, $de_insn
    mov $0x8000, %ax
    mov $0x80, %bl
    xor %si, %si
    div %bl                         # quotient 0x100 > 0xFF
    CHECK_EQ16 "#DE on div8 quotient overflow", %si, $1
    movw $rm_stubs, %es:(0 * 4)     # back to the unexpected-interrupt stub

    # LIDT moves the real-mode interrupt table.
    movw $int40_moved, %es:(SCRATCH + 0x40 * 4)
    movw $0xF000, %es:(SCRATCH + 0x40 * 4 + 2)
    lidtl %cs:moved_ivt
    xor %ax, %ax
    int $0x40
    lidtl %cs:reset_ivt
    CHECK_EQ16 "INT uses the IVT at the IDTR base", %ax, $0x5151
    xor %ax, %ax
    int $0x40
    CHECK_EQ16 "IDTR back at 0", %ax, $0x4040
    ret

int40_moved:
    mov $0x5151, %ax
    iret

moved_ivt:  .word 0x03FF
            .long SCRATCH
reset_ivt:  .word 0x03FF
            .long 0

int40_handler:
    push %bp
    mov %sp, %bp
    mov 2(%bp), %bx                 # IP
    mov 4(%bp), %cx                 # CS
    mov 6(%bp), %si                 # FLAGS
    and $(IF|CF), %si
    pushf
    pop %dx
    and $IF, %dx
    mov $0x4040, %ax
    pop %bp
    iret

int41_handler:
    push %bp
    mov %sp, %bp
    orw $(CF|ZF), 6(%bp)
    pop %bp
    iret

int3_handler:
    push %bp
    mov %sp, %bp
    mov 2(%bp), %bx
    mov $3, %ax
    pop %bp
    iret

into_handler:
    mov $4, %ax
    iret

de_handler:
    push %bp
    mov %sp, %bp
    mov 2(%bp), %di
    addw $2, 2(%bp)
    mov $1, %si
    pop %bp
    iret

# ---------------------------------------------------------------- strings

strings:
    PRINT "# strings\n"
    push %es
    xor %ax, %ax
    mov %ax, %es
    # Copy 9 bytes from the ROM (CS override on the source) to SCRATCH.
    cld
    mov $str_src, %si
    mov $SCRATCH, %di
    mov $9, %cx
    rep movsb %cs:(%si), %es:(%di)
    CHECK_EQ16 "rep movsb: CX reaches 0", %cx, $0
    CHECK_EQ16 "rep movsb: SI advanced", %si, $(str_src + 9)
    CHECK_EQ16 "rep movsb: DI advanced", %di, $(SCRATCH + 9)
    CHECK_EQ "rep movsb: bytes copied", SCRATCH + 4, $0x38373635

    # REPE CMPSB stops after the first mismatch ("abcdXfgh" vs "abcdefgh").
    mov $SCRATCH + 0x20, %di
    mov $cmp_a, %si
    mov $8, %cx
    rep movsb %cs:(%si), %es:(%di)
    mov $SCRATCH + 0x20, %si
    mov $SCRATCH + 0x40, %di
    mov $cmp_b, %bx
    mov $8, %cx
1:  mov %cs:(%bx), %al
    stosb
    inc %bx
    loop 1b
    mov $SCRATCH + 0x20, %si
    mov $SCRATCH + 0x40, %di
    mov $8, %cx
    repe cmpsb
    CHECK_FLAGS "repe cmpsb stops on a mismatch (ZF=0)", ZF, 0
    CHECK_EQ16 "repe cmpsb: CX left", %cx, $3
    CHECK_EQ16 "repe cmpsb: SI past the mismatch", %si, $(SCRATCH + 0x20 + 5)

    # REPNE SCASB finds 'f'.
    mov $SCRATCH + 0x40, %di
    mov $'f', %al
    mov $8, %cx
    repne scasb
    CHECK_FLAGS "repne scasb found it (ZF=1)", ZF, ZF
    CHECK_EQ16 "repne scasb: DI past the match", %di, $(SCRATCH + 0x40 + 6)
    CHECK_EQ16 "repne scasb: CX left", %cx, $2

    # STOSW and LODSW with DF=1 go downwards.
    movw $0, SCRATCH + 0x60
    movw $0, SCRATCH + 0x90
    std
    mov $SCRATCH + 0x66, %di
    mov $0xA1B2, %ax
    mov $3, %cx
    rep stosw
    cld
    CHECK_EQ16 "std rep stosw: DI went down", %di, $(SCRATCH + 0x60)
    CHECK_EQ "std rep stosw: words stored", SCRATCH + 0x62, $0xA1B2A1B2
    CHECK_EQ16 "std rep stosw: below the first untouched", SCRATCH + 0x60, $0
    std
    mov $SCRATCH + 0x66, %si
    lodsw
    lodsw
    cld
    CHECK_EQ16 "std lodsw: SI went down", %si, $(SCRATCH + 0x62)

    # MOVSD with a 32-bit operand and REP with CX = 0 does nothing.
    mov $SCRATCH, %si
    mov $SCRATCH + 0x80, %di
    movsl
    CHECK_EQ "movsd copies a dword", SCRATCH + 0x80, $0x34333231
    mov $SCRATCH + 0x90, %di
    xor %cx, %cx
    mov $0x55, %al
    rep stosb
    CHECK_EQ16 "rep with CX=0: DI unchanged", %di, $(SCRATCH + 0x90)
    CHECK_EQ16 "rep with CX=0: nothing stored", SCRATCH + 0x90, $0

    # XLAT: AL = [BX + AL].
    mov $SCRATCH, %bx
    mov $0x0003, %ax
    xlat
    CHECK_EQ16 "xlat", %ax, $0x0034
    pop %es
    ret

str_src:    .ascii "123456789"
cmp_a:      .ascii "abcdXfgh"
cmp_b:      .ascii "abcdefgh"

# ---------------------------------------------------------------- PUSHA, POPA and the stack

push_pop:
    PRINT "# push and pop\n"
    mov $0x1111, %ax
    mov $0x2222, %cx
    mov $0x3333, %dx
    mov $0x4444, %bx
    mov $0x5555, %bp
    mov $0x6666, %si
    mov $0x7777, %di
    mov %sp, SCRATCH
    pusha
    mov %sp, %bp
    CHECK_EQ16 "pusha: DI lowest", (%bp), $0x7777
    CHECK_EQ16 "pusha: SI", 2(%bp), $0x6666
    CHECK_EQ16 "pusha: BP", 4(%bp), $0x5555
    mov SCRATCH, %ax
    CHECK_EQ16 "pusha: SP as before PUSHA", 6(%bp), %ax
    CHECK_EQ16 "pusha: BX", 8(%bp), $0x4444
    CHECK_EQ16 "pusha: DX", 10(%bp), $0x3333
    CHECK_EQ16 "pusha: CX", 12(%bp), $0x2222
    CHECK_EQ16 "pusha: AX highest", 14(%bp), $0x1111
    movw $0x9999, 6(%bp)            # POPA skips the SP slot
    movw $0xAAAA, 14(%bp)
    popa
    CHECK_EQ16 "popa: AX loaded", %ax, $0xAAAA
    CHECK_EQ16 "popa: DI loaded", %di, $0x7777
    mov SCRATCH, %cx
    mov %sp, %dx
    CHECK_EQ16 "popa ignores the SP slot", %dx, %cx

    mov $0x11112222, %eax
    mov $0x33334444, %edi
    pushal
    xor %eax, %eax
    xor %edi, %edi
    popal
    CHECK_EQ "pushad/popad EAX", %eax, $0x11112222
    CHECK_EQ "pushad/popad EDI", %edi, $0x33334444

    # The 386 pushes SP as it was before the push.
    mov %sp, %cx
    push %sp
    pop %ax
    CHECK_EQ16 "push sp pushes the old SP", %ax, %cx

    # ENTER 4,0 / LEAVE.
    mov %sp, %cx
    mov $0x1234, %bp
    enter $4, $0
    mov %bp, %dx
    mov %sp, %si
    leave
    mov %cx, %ax
    sub $2, %ax
    CHECK_EQ16 "enter: BP = frame", %dx, %ax
    sub $4, %ax
    CHECK_EQ16 "enter: SP below locals", %si, %ax
    mov %sp, %dx
    CHECK_EQ16 "leave restores BP", %bp, $0x1234
    CHECK_EQ16 "leave restores SP", %dx, %cx

    pushw $0xBEEF
    pushl $0x12345678
    popl %eax
    popw %bx
    CHECK_EQ "pushl/popl in 16-bit code", %eax, $0x12345678
    CHECK_EQ16 "pushw/popw", %bx, $0xBEEF
    ret

# ---------------------------------------------------------------- branches

branches:
    PRINT "# branches\n"
    xor %bx, %bx
    mov $-1, %ax
    cmp $1, %ax
    jl 1f                           # signed: -1 < 1
    or $1, %bx
1:  cmp $1, %ax
    ja 2f                           # unsigned: FFFF > 1
    or $2, %bx
2:  CHECK_EQ16 "jl signed and ja unsigned", %bx, $0

    mov $5, %cx
    xor %ax, %ax
3:  inc %ax
    loop 3b
    CHECK_EQ16 "loop runs CX times", %ax, $5
    xor %cx, %cx
    mov $0, %ax
    jcxz 4f
    mov $1, %ax
4:  CHECK_EQ16 "jcxz taken with CX=0", %ax, $0

    mov $3, %cx
    xor %ax, %ax
5:  inc %ax
    cmp $2, %ax
    loopne 5b
    CHECK_EQ16 "loopne stops on ZF", %ax, $2
    CHECK_EQ16 "loopne: CX left", %cx, $1

    mov $jump_table_target, %ax
    mov %ax, SCRATCH
    xor %dx, %dx
    jmp *SCRATCH
    mov $1, %dx
jump_table_target:
    CHECK_EQ16 "jmp through memory", %dx, $0

    call 6f
6:  pop %ax
    CHECK_EQ16 "call pushes the return IP", %ax, $6b

    # Near JMP with a 32-bit displacement in 16-bit code.
    xor %ax, %ax
    .byte 0x66, 0xE9
    .long 7f - (. + 4)
    mov $1, %ax
7:  CHECK_EQ16 "jmp rel32 in 16-bit code", %ax, $0
    ret
