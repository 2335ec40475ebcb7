# exceptions.S: the exceptions the 386 raises by itself, each with its vector, error code
# and saved EIP. Faults save the EIP of the faulting instruction (prefixes included); traps
# (single-step #DB, INT3, INT 3, INTO) save the EIP of the next one.
# #DE, #DB, #BP, #OF, #BR, #UD (invalid opcodes, invalid operand forms, misplaced LOCK), #NM
# (CR0.EM, CR0.TS, WAIT with MP), #DF (#GP whose gate is not present), #TS, #NP, #SS, #GP
# (CS limit, null and invalid selectors, privilege and type checks, IDT limit) and #PF.
# Triple fault is tested in Java.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM exceptions

    .equ SEL_DATA_NP, 0x28      # data, not present
    .equ SEL_CODE_NP, 0x30      # code, not present
    .equ SEL_SMALL_CODE, 0x38   # 32-bit code, base 0, limit 0xFFF
    .equ SEL_XONLY, 0x40        # execute-only code
    .equ SEL_RODATA, 0x48       # read-only data
    .equ SEL_TSS, 0x50
    .equ SEL_SHORT_TSS, 0x58    # TSS descriptor with limit 0x40 (< 0x67)
    .equ SEL_TSS_NP, 0x60       # TSS descriptor, not present
    .equ SEL_BEYOND_GDT, 0x7FF8
    .equ TSS_ADDR, 0x5000
    .equ SHORT_TSS_ADDR, 0x5100
    .equ VEC_NP_GATE, 0x60      # IDT gate with P = 0
    .equ PD, 0x20000
    .equ PT0, 0x21000
    .equ PG_NP, 0x300000

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    call setup

    PRINT "# #DE\n"
    ARM 1f
    xor %ecx, %ecx
de_div0:
    div %ecx
1:  CHECK_EXC "div by 0", 0, NO_ERR, de_div0
    ARM 1f
    mov $0x80000000, %eax
    cdq
    mov $-1, %ecx
de_idiv:
    idiv %ecx
1:  CHECK_EXC "idiv -2^31 / -1 overflows", 0, NO_ERR, de_idiv
    ARM 1f
    mov $0x1000, %ax
    mov $2, %bl
de_div8:
    div %bl
1:  CHECK_EXC "div8 quotient over 0xFF", 0, NO_ERR, de_div8

    PRINT "# traps: #DB, #BP, #OF\n"
    xor %eax, %eax
    mov %eax, %dr6
    ARM RESUME_SAME
    pushfl
    orl $TF, (%esp)
    popfl
    nop                             # the first instruction run with TF = 1 traps after itself
db_after:
    nop
    CHECK_EXC "single-step trap", 1, NO_ERR, db_after
    mov %dr6, %eax
    CHECK_MASK "single-step sets DR6.BS", %eax, 0x4000, $0x4000
    CHECK_MASK "single-step: saved EFLAGS has TF", exc_eflags, TF, $TF

    ARM RESUME_SAME
    int3
bp_after:
    CHECK_EXC "int3 (CC)", 3, NO_ERR, bp_after
    ARM RESUME_SAME
    int $3
bp2_after:
    CHECK_EXC "int 3 (CD 03)", 3, NO_ERR, bp2_after
    ARM RESUME_SAME
    mov $0x7FFFFFFF, %eax
    add $1, %eax
    into
of_after:
    CHECK_EXC "into with OF = 1", 4, NO_ERR, of_after

    PRINT "# #BR\n"
    ARM 1f
    mov $11, %eax
br_insn:
    bound %eax, bounds
1:  CHECK_EXC "bound above the upper limit", 5, NO_ERR, br_insn
    ARM 1f
    mov $-1, %eax
br_insn2:
    bound %eax, bounds
1:  CHECK_EXC "bound below the lower limit", 5, NO_ERR, br_insn2
    ARM 1f
    mov $10, %eax
    bound %eax, bounds
1:  CHECK_EQ "bound at the upper limit passes", exc_count, $0

    PRINT "# #UD\n"
    ARM 1f
ud_0f0b:
    .byte 0x0F, 0x0B
1:  CHECK_EXC "0F 0B", 6, NO_ERR, ud_0f0b
    ARM 1f
ud_lea:
    .byte 0x8D, 0xC0                # LEA with a register operand
1:  CHECK_EXC "lea with a register operand", 6, NO_ERR, ud_lea
    ARM 1f
ud_mov_cs:
    .byte 0x8E, 0xC8                # MOV CS, AX
1:  CHECK_EXC "mov to CS", 6, NO_ERR, ud_mov_cs
    ARM 1f
ud_cr1:
    .byte 0x0F, 0x22, 0xC8          # MOV CR1, EAX
1:  CHECK_EXC "mov to CR1", 6, NO_ERR, ud_cr1
    ARM 1f
ud_lock_nop:
    .byte 0xF0, 0x90                # LOCK NOP
1:  CHECK_EXC "lock on a non-lockable instruction", 6, NO_ERR, ud_lock_nop
    ARM 1f
ud_lock_reg:
    .byte 0xF0                      # LOCK ADD EAX, EBX
    add %ebx, %eax
1:  CHECK_EXC "lock with a register destination", 6, NO_ERR, ud_lock_reg
    ARM 1f
ud_bound_reg:
    .byte 0x62, 0xC0                # BOUND with a register operand
1:  CHECK_EXC "bound with a register operand", 6, NO_ERR, ud_bound_reg
    ARM 1f
ud_les_reg:
    .byte 0xC4, 0xC0                # LES with a register operand
1:  CHECK_EXC "les with a register operand", 6, NO_ERR, ud_les_reg
    ARM 1f
    movl $5, scratch
    lock addl $3, scratch
1:  CHECK_EQ "lock add to memory is allowed", exc_count, $0
    CHECK_EQ "lock add to memory adds", scratch, $8

    PRINT "# #NM\n"
    mov %cr0, %eax
    or $4, %eax                     # EM
    mov %eax, %cr0
    ARM 1f
nm_em:
    fninit
1:  CHECK_EXC "ESC with CR0.EM", 7, NO_ERR, nm_em
    mov %cr0, %eax
    and $~4, %eax
    or $8 | 2, %eax                 # TS, MP
    mov %eax, %cr0
    ARM 1f
nm_ts:
    fninit
1:  CHECK_EXC "ESC with CR0.TS", 7, NO_ERR, nm_ts
    ARM 1f
nm_wait:
    wait
1:  CHECK_EXC "WAIT with CR0.TS and CR0.MP", 7, NO_ERR, nm_wait
    mov %cr0, %eax
    and $~2, %eax                   # MP clear: WAIT ignores TS
    mov %eax, %cr0
    ARM 1f
    wait
1:  CHECK_EQ "WAIT with CR0.TS but not MP runs", exc_count, $0
    clts

    PRINT "# #DF\n"
    andb $~0x80, idt + 13 * 8 + 5   # the #GP gate is not present
    ARM 1f
    mov $SEL_BEYOND_GDT, %ax
df_insn:
    mov %ax, %ds
1:  orb $0x80, idt + 13 * 8 + 5
    CHECK_EXC "#GP with a not-present #GP gate: double fault", 8, 0, df_insn

    PRINT "# #TS\n"
    ARM 1f
ts_insn:
    ljmp $SEL_SHORT_TSS, $0
1:  CHECK_EXC "jmp to a TSS shorter than 0x67", 10, SEL_SHORT_TSS, ts_insn

    PRINT "# #NP\n"
    ARM 1f
    mov $SEL_DATA_NP, %ax
np_ds:
    mov %ax, %ds
1:  CHECK_EXC "load DS with a not-present segment", 11, SEL_DATA_NP, np_ds
    ARM 1f
np_call:
    lcall $SEL_CODE_NP, $0
1:  CHECK_EXC "far call to a not-present code segment", 11, SEL_CODE_NP, np_call
    ARM 1f
    mov $SEL_TSS_NP, %ax
np_ltr:
    ltr %ax
1:  CHECK_EXC "ltr with a not-present TSS", 11, SEL_TSS_NP, np_ltr
    ARM 1f
np_int:
    int $VEC_NP_GATE
1:  CHECK_EXC "int through a not-present gate", 11, (VEC_NP_GATE*8+2), np_int

    PRINT "# #SS\n"
    ARM 1f
    mov $SEL_DATA_NP, %ax
ss_np:
    mov %ax, %ss
1:  CHECK_EXC "load SS with a not-present segment", 12, SEL_DATA_NP, ss_np

    PRINT "# #GP\n"
    ARM 1f
gp_cs_limit:
    ljmp $SEL_SMALL_CODE, $0x2000
1:  CHECK_EXC "far jmp past the CS limit", 13, 0, gp_cs_limit
    ARM 1f
    xor %eax, %eax
gp_null_ss:
    mov %ax, %ss
1:  CHECK_EXC "load SS with the null selector", 13, 0, gp_null_ss
    ARM 1f
    mov $SEL_BEYOND_GDT, %ax
gp_beyond:
    mov %ax, %es
1:  CHECK_EXC "selector past the GDT limit", 13, SEL_BEYOND_GDT, gp_beyond
    ARM 1f
    mov $SEL_DATA32 | 3, %ax
gp_rpl:
    mov %ax, %es
1:  CHECK_EXC "DPL-0 data with RPL 3 at CPL 0", 13, SEL_DATA32, gp_rpl
    ARM 1f
    mov $SEL_XONLY, %ax
gp_xonly:
    mov %ax, %es
1:  CHECK_EXC "execute-only code in ES", 13, SEL_XONLY, gp_xonly
    ARM 1f
    mov $SEL_RODATA, %ax
gp_ss_ro:
    mov %ax, %ss
1:  CHECK_EXC "read-only data in SS", 13, SEL_RODATA, gp_ss_ro
    ARM 1f
    mov $SEL_CODE32, %ax
gp_ss_code:
    mov %ax, %ss
1:  CHECK_EXC "code segment in SS", 13, SEL_CODE32, gp_ss_code
    ARM 1f
    mov $SEL_DATA32, %ax
gp_ltr:
    ltr %ax
1:  CHECK_EXC "ltr with a data segment", 13, SEL_DATA32, gp_ltr
    ARM 1f
    mov $SEL_DATA32, %ax
gp_lldt:
    lldt %ax
1:  CHECK_EXC "lldt with a data segment", 13, SEL_DATA32, gp_lldt
    ARM 1f
gp_call_data:
    lcall $SEL_DATA32, $0
1:  CHECK_EXC "far call to a data segment", 13, SEL_DATA32, gp_call_data

    PRINT "# interrupt and trap gates\n"
    mov $0x61, %eax
    mov $read_if, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_TRAP32, %ebx
    call set_gate
    mov $0x62, %eax
    mov $GATE_INT32, %ebx
    call set_gate
    sti
    int $0x61
    mov %eax, if_trap_gate
    int $0x62
    mov %eax, if_int_gate
    pushfl
    popl if_after
    cli
    CHECK_MASK "a trap gate leaves IF set", if_trap_gate, IF, $IF
    CHECK_MASK "an interrupt gate clears IF", if_int_gate, IF, $0
    CHECK_MASK "IRET restores IF", if_after, IF, $IF

    PRINT "# #PF\n"
    mov $PD, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    ARM 1f
pf_read:
    mov PG_NP + 0x44, %eax
1:  CHECK_EXC "read of a not-present page", 14, 0, pf_read
    CHECK_EQ "#PF: CR2", exc_cr2, $(PG_NP + 0x44)
    mov %cr0, %eax
    and $0x7FFFFFFF, %eax
    mov %eax, %cr0
    DONE

# EAX = EFLAGS inside the handler.
read_if:
    pushfl
    popl %eax
    iretl

setup:
    mov $TSS_ADDR, %edi
    mov $104 / 4, %ecx
    xor %eax, %eax
    rep stosl
    movw $104, TSS_ADDR + 102
    mov $SEL_TSS, %ax
    ltr %ax
    andb $~0x80, idt + VEC_NP_GATE * 8 + 5
    # Paging for #PF: identity map of the first 4 MiB with one page left out.
    mov $PT0, %edi
    mov $7, %eax
    mov $1024, %ecx
1:  stosl
    add $0x1000, %eax
    loop 1b
    movl $0, PT0 + (PG_NP >> 12) * 4
    mov $PD, %edi
    xor %eax, %eax
    mov $1024, %ecx
    rep stosl
    movl $PT0 | 7, PD
    ret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC 0, 0xFFFFF, ACC_DATA & 0x7F, F_G32                  # 28 data, not present
    DESC 0, 0xFFFFF, ACC_CODE & 0x7F, F_G32                  # 30 code, not present
    DESC 0, 0xFFF, ACC_CODE, F_32                            # 38 small code
    DESC 0, 0xFFFFF, 0x98, F_G32                             # 40 execute-only code
    DESC 0, 0xFFFFF, 0x90, F_G32                             # 48 read-only data
    DESC TSS_ADDR, 103, ACC_TSS32, 0                         # 50 TSS
    DESC SHORT_TSS_ADDR, 0x40, ACC_TSS32, 0                  # 58 short TSS
    DESC SHORT_TSS_ADDR, 103, ACC_TSS32 & 0x7F, 0            # 60 TSS, not present
gdt_end:

    .balign 4
bounds:      .long 0, 10
scratch:     .long 0
if_trap_gate: .long 0
if_int_gate:  .long 0
if_after:     .long 0
small_idtr:  .word 0x30 * 8 - 1
             .long idt
