# smc.S: self-modifying code.
# Code templates are copied from the ROM into RAM and run there. Covered: code that ran once
# and is then patched (so a decoded copy must be dropped); a patch ahead of the running code
# in the same page and in the next page (followed by a JMP, as the 386's prefetch queue
# requires); an instruction that straddles two pages patched in either page; a loop that
# patches its own body; writes by INC, XCHG and PUSH; a block copy with REP MOVSB over code
# that ran; real-mode code patched
# through another segment:offset alias; and code patched through one linear alias (paging)
# and run through another.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM smc

    .equ CODE_A, 0x10000        # plain RAM code
    .equ PAGE_EDGE, 0x12000     # page boundary used for straddling instructions
    .equ PAGE_EDGE2, 0x13000
    .equ PD, 0x20000
    .equ PT0, 0x21000
    .equ PT1, 0x22000
    .equ ALIAS_PHYS, 0x14000
    .equ ALIAS_X, 0x400000      # -> ALIAS_PHYS, used to write
    .equ ALIAS_Y, 0x401000      # -> ALIAS_PHYS, used to run
    .equ REAL_SEG, 0x2000       # real-mode code at 2000:0000 = linear 0x20000

main:
    PRINT "# real mode: patch through another segment alias\n"
    mov $REAL_SEG, %ax
    mov %ax, %es
    xor %di, %di
    mov $t16_start, %si
    mov $t16_end - t16_start, %cx
    rep movsb %cs:(%si), %es:(%di)
    xor %ax, %ax
    mov %ax, %es
    lcall $REAL_SEG, $0
    CHECK_EQ16 "real-mode RAM code runs", %ax, $0x1111
    mov $REAL_SEG - 1, %ax           # 1FFF:0011 is 2000:0001, the immediate of MOV AX
    mov %ax, %es
    movw $0x2222, %es:0x11
    xor %ax, %ax
    mov %ax, %es
    lcall $REAL_SEG, $0
    CHECK_EQ16 "patched through 1FFF:0011, run at 2000:0000", %ax, $0x2222

    ENTER_PM32 pm_main

    CODE32
pm_main:
    PRINT "# patch code that already ran\n"
    mov $t_imm_start, %esi
    mov $CODE_A, %edi
    mov $t_imm_end - t_imm_start, %ecx
    rep movsb
    call CODE_A
    CHECK_EQ "RAM code returns its immediate", %eax, $0x11111111
    movl $0x22222222, CODE_A + 1
    call CODE_A
    CHECK_EQ "after patching the immediate", %eax, $0x22222222
    movb $0x40, CODE_A               # MOV EAX, imm32 becomes INC EAX ...
    movl $0xC3909090, CODE_A + 1     # NOP NOP NOP RET
    mov $7, %eax
    call CODE_A
    CHECK_EQ "after replacing the opcode", %eax, $8

    PRINT "# other instructions that write code\n"
    mov $t_imm_start, %esi
    mov $CODE_A + 0x300, %edi
    mov $t_imm_end - t_imm_start, %ecx
    rep movsb
    call CODE_A + 0x300
    incl CODE_A + 0x301
    call CODE_A + 0x300
    CHECK_EQ "read-modify-write INC on an immediate", %eax, $0x11111112
    mov $0x44444444, %eax
    xchg %eax, CODE_A + 0x301
    call CODE_A + 0x300
    CHECK_EQ "XCHG with memory on an immediate", %eax, $0x44444444
    mov %esp, %ebp
    mov $CODE_A + 0x305, %esp       # a stack whose next push lands on the immediate
    pushl $0x55555555
    mov %ebp, %esp
    call CODE_A + 0x300
    CHECK_EQ "PUSH onto code", %eax, $0x55555555

    PRINT "# block copy over code that ran\n"
    mov $t_neg1_start, %esi
    mov $CODE_A, %edi
    mov $t_neg1_end - t_neg1_start, %ecx
    rep movsb
    call CODE_A
    CHECK_EQ "rep movsb replaced the code", %eax, $0xFFFFFFFF

    PRINT "# patch ahead of the running code\n"
    mov $t_ahead_start, %esi
    mov $CODE_A + 0x100, %edi
    mov $t_ahead_end - t_ahead_start, %ecx
    rep movsb
    call CODE_A + 0x100
    CHECK_EQ "patch ahead in the same page", %eax, $0x33333333
    mov $0x11111111, %eax
    call CODE_A + 0x100             # the patched immediate stays patched
    CHECK_EQ "patched code runs again as patched", %eax, $0x33333333

    # The same template placed so the patched MOV is the first thing on the next page.
    mov $t_ahead_start, %esi
    mov $PAGE_EDGE2 - (t_ahead_mov - t_ahead_start), %edi
    mov $t_ahead_end - t_ahead_start, %ecx
    rep movsb
    call PAGE_EDGE2 - (t_ahead_mov - t_ahead_start)
    CHECK_EQ "patch ahead in the next page", %eax, $0x33333333

    PRINT "# an instruction across a page boundary\n"
    mov $t_imm_start, %esi
    mov $PAGE_EDGE - 2, %edi         # B8 xx | xx xx xx C3
    mov $t_imm_end - t_imm_start, %ecx
    rep movsb
    call PAGE_EDGE - 2
    CHECK_EQ "straddling MOV runs", %eax, $0x11111111
    movw $0x2222, PAGE_EDGE          # immediate bytes 1-2, in the second page
    movb $0x22, PAGE_EDGE + 2
    call PAGE_EDGE - 2
    CHECK_EQ "straddling MOV patched in its second page", %eax, $0x22222211
    movb $0x33, PAGE_EDGE - 1        # immediate byte 0, in the first page
    call PAGE_EDGE - 2
    CHECK_EQ "straddling MOV patched in its first page", %eax, $0x22222233
    movw $0x4444, PAGE_EDGE - 1      # one word write across the boundary
    call PAGE_EDGE - 2
    CHECK_EQ "straddling MOV patched by a write across the boundary", %eax, $0x22224444

    PRINT "# a loop that patches itself\n"
    mov $t_loop_start, %esi
    mov $CODE_A + 0x200, %edi
    mov $t_loop_end - t_loop_start, %ecx
    rep movsb
    call CODE_A + 0x200
    CHECK_EQ "loop body patched on its second pass", %eax, $0x22
    CHECK_EQ "loop ran four times", %ecx, $4

    PRINT "# linear aliases with paging\n"
    call setup_paging
    mov $t_imm_start, %esi
    mov $ALIAS_PHYS, %edi
    mov $t_imm_end - t_imm_start, %ecx
    rep movsb
    call ALIAS_Y
    CHECK_EQ "code runs through alias Y", %eax, $0x11111111
    movl $0x55555555, ALIAS_X + 1
    call ALIAS_Y
    CHECK_EQ "written through alias X, run through alias Y", %eax, $0x55555555
    call ALIAS_PHYS
    CHECK_EQ "and through the identity mapping", %eax, $0x55555555
    movl $0x66666666, ALIAS_PHYS + 1
    call ALIAS_Y
    CHECK_EQ "written through the identity mapping, run through alias Y", %eax, $0x66666666
    # The alias moves to another physical page: Y now runs what is there.
    mov $t_neg1_start, %esi
    mov $ALIAS_PHYS + 0x1000, %edi
    mov $t_neg1_end - t_neg1_start, %ecx
    rep movsb
    movl $(ALIAS_PHYS + 0x1000) | 3, PT1 + 4
    mov %cr3, %eax
    mov %eax, %cr3
    call ALIAS_Y
    CHECK_EQ "after remapping alias Y (CR3 reload), it runs the new page", %eax, $0xFFFFFFFF
    DONE

setup_paging:
    mov $PT0, %edi
    mov $3, %eax
    mov $1024, %ecx
1:  stosl
    add $0x1000, %eax
    loop 1b
    mov $PT1, %edi
    xor %eax, %eax
    mov $1024, %ecx
    rep stosl
    movl $ALIAS_PHYS | 3, PT1
    movl $ALIAS_PHYS | 3, PT1 + 4
    mov $PD, %edi
    mov $1024, %ecx
    rep stosl
    movl $PT0 | 3, PD
    movl $PT1 | 3, PD + 4
    mov $PD, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    ret

# ---------------------------------------------------------------- templates (position independent)

# Returns EAX = its own immediate.
t_imm_start:
    mov $0x11111111, %eax
    ret
t_imm_end:

# Returns EAX = -1.
t_neg1_start:
    xor %eax, %eax
    dec %eax
    ret
t_neg1_end:

# Patches the MOV at t_ahead_mov, then jumps to it.
t_ahead_start:
    call 1f
1:  pop %ebx
    movl $0x33333333, (t_ahead_mov - 1b + 1)(%ebx)
    jmp t_ahead_mov
t_ahead_mov:
    mov $0x11111111, %eax
    ret
t_ahead_end:

# Adds 1 per pass; on the second pass patches the ADD to add 0x10. Four passes.
t_loop_start:
    xor %eax, %eax
    xor %ecx, %ecx
    call 1f
1:  pop %ebx
    movb $1, (2f - 1b + 2)(%ebx)    # the template may run from a patched copy
2:  add $1, %eax
    inc %ecx
    cmp $2, %ecx
    jne 3f
    movb $0x10, (2b - 1b + 2)(%ebx)
3:  cmp $4, %ecx
    jb 2b
    ret
t_loop_end:

    CODE16
# Real mode: returns AX = its immediate, far return.
t16_start:
    mov $0x1111, %ax
    lret
t16_end:

    .data
    .balign 8
gdt:
    GDT_STD
gdt_end:
