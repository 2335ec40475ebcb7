# tasks.S: hardware task switches.
# JMP to a TSS (no nesting: the old task's busy bit is cleared, NT stays clear) and back, a
# second JMP that resumes the task where it left off; CALL through a task gate (NT set, back
# link, both busy bits, LDTR loaded from the new TSS) and IRET back (busy cleared, NT cleared
# in the returning task's saved EFLAGS); INT through a task gate in the IDT; a #GP delivered
# through a task gate with its error code on the handler task's stack; CALL to a busy TSS.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM tasks

    .equ SEL_TSS0, 0x28         # the main task
    .equ SEL_TSS_A, 0x30        # reached with JMP
    .equ SEL_TSS_B, 0x38        # reached with CALL through SEL_GATE_B
    .equ SEL_TSS_C, 0x40        # reached with INT 50 (IDT task gate)
    .equ SEL_TSS_D, 0x48        # #GP handler task
    .equ SEL_GATE_B, 0x50       # task gate to B
    .equ SEL_LDT, 0x58
    .equ SEL_TASK_A_ES, 0x60    # a data segment task A finds in ES
    .equ SEL_LDT_DATA, 0x04     # LDT entry 0, TI = 1
    .equ TSS0, 0x4000
    .equ TSS_A, 0x4100
    .equ TSS_B, 0x4200
    .equ TSS_C, 0x4300
    .equ TSS_D, 0x4400
    .equ LDT_ADDR, 0x4500
    .equ LDT_DATA_BASE, 0x30000
    .equ VEC_TASK, 0x50
    .equ A_EAX, 0xAAAA0001

# TSS offsets.
    .equ T_LINK, 0
    .equ T_CR3, 28
    .equ T_EIP, 32
    .equ T_EFLAGS, 36
    .equ T_EAX, 40
    .equ T_ECX, 44
    .equ T_EDX, 48
    .equ T_EBX, 52
    .equ T_ESP, 56
    .equ T_EBP, 60
    .equ T_ESI, 64
    .equ T_EDI, 68
    .equ T_ES, 72
    .equ T_CS, 76
    .equ T_SS, 80
    .equ T_DS, 84
    .equ T_FS, 88
    .equ T_GS, 92
    .equ T_LDT, 96
    .equ T_IOMAP, 102

.macro BUSY_BIT sel, dst
    movzbl gdt + \sel + 5, %eax
    shr $1, %eax
    and $1, %eax
    mov %eax, \dst
.endm

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    call setup
    mov $SEL_TSS0, %ax
    ltr %ax

    PRINT "# JMP to a TSS\n"
    mov $0x5EED0001, %ebx
    mov $0x5EED0002, %esi
    mov %esp, main_esp
    ljmp $SEL_TSS_A, $0
after_jmp_a:
    mov %ebx, main_ebx
    mov %esi, main_esi
    str %eax
    mov %eax, main_tr
    CHECK_EQ "task A ran", a_count, $1
    CHECK_EQ "task A: EAX loaded from its TSS", a_eax, $A_EAX
    CHECK_EQ "task A: ESP loaded from its TSS", a_esp, $0x6000
    CHECK_EQ "task A: ECX loaded from its TSS", a_regs + 0, $0xA1
    CHECK_EQ "task A: EDX loaded from its TSS", a_regs + 4, $0xA2
    CHECK_EQ "task A: EBX loaded from its TSS", a_regs + 8, $0xA3
    CHECK_EQ "task A: EBP loaded from its TSS", a_regs + 12, $0xA5
    CHECK_EQ "task A: ESI loaded from its TSS", a_regs + 16, $0xA6
    CHECK_EQ "task A: EDI loaded from its TSS", a_regs + 20, $0xA7
    CHECK_EQ16 "task A: ES loaded from its TSS", a_regs + 24, $SEL_TASK_A_ES
    CHECK_EQ "task A: ES has that descriptor's base", a_es_read, $0x7A5CE5
    CHECK_MASK "task A: EFLAGS loaded from its TSS", a_eflags, CF|ZF|SF, $(CF|ZF)
    CHECK_EQ "TSS0 image: EBX saved by the switch", TSS0 + T_EBX, $0x5EED0001
    CHECK_EQ "TSS0 image: ESI saved", TSS0 + T_ESI, $0x5EED0002
    CHECK_EQ "TSS0 image: ESP saved", TSS0 + T_ESP, main_esp
    CHECK_EQ16 "TSS0 image: CS saved", TSS0 + T_CS, $SEL_CODE32
    CHECK_EQ16 "TSS0 image: SS saved", TSS0 + T_SS, $SEL_DATA32
    CHECK_EQ16 "task A: TR is its TSS", a_tr, $SEL_TSS_A
    CHECK_MASK "task A: NT clear after JMP", a_eflags, NT, $0
    CHECK_EQ "task A: its TSS is busy", a_busy_a, $1
    CHECK_EQ "task A: JMP cleared the old task's busy bit", a_busy_0, $0
    CHECK_EQ "back in main: EBX restored from TSS0", main_ebx, $0x5EED0001
    CHECK_EQ "back in main: ESI restored from TSS0", main_esi, $0x5EED0002
    CHECK_EQ16 "back in main: TR", main_tr, $SEL_TSS0
    CHECK_EQ "TSS0 saved the EIP after the JMP", TSS0 + T_EIP, $after_jmp_a
    CHECK_EQ "TSS A saved the EIP after its JMP", TSS_A + T_EIP, $task_a_resume
    BUSY_BIT SEL_TSS_A, tmp
    CHECK_EQ "task A's busy bit cleared by its JMP back", tmp, $0
    BUSY_BIT SEL_TSS0, tmp
    CHECK_EQ "TSS0 busy again", tmp, $1
    smsw %ax
    CHECK_MASK "a task switch sets CR0.TS", %eax, 8, $8
    clts
    smsw %ax
    CHECK_MASK "clts clears CR0.TS", %eax, 8, $0

    ljmp $SEL_TSS_A, $0
    CHECK_EQ "second JMP resumes task A after its JMP", a_count, $2

    PRINT "# CALL through a task gate\n"
    mov $0x5EED0003, %ebx
    lcall $SEL_GATE_B, $0
after_call_b:
    mov %ebx, main_ebx
    pushfl
    popl main_eflags
    CHECK_EQ "task B ran", b_count, $1
    CHECK_MASK "task B: NT set by CALL", b_eflags, NT, $NT
    CHECK_EQ16 "task B: back link is TSS0", b_link, $SEL_TSS0
    CHECK_EQ "task B: caller's TSS stays busy", b_busy_0, $1
    CHECK_EQ "task B: its TSS is busy", b_busy_b, $1
    CHECK_EQ16 "task B: LDTR loaded from its TSS", b_ldtr, $SEL_LDT
    CHECK_EQ "task B: wrote through an LDT segment", LDT_DATA_BASE + 0x10, $0x1D7DA7A
    CHECK_EQ "IRET returned to the caller: EBX", main_ebx, $0x5EED0003
    CHECK_MASK "IRET returned to the caller: NT clear", main_eflags, NT, $0
    BUSY_BIT SEL_TSS_B, tmp
    CHECK_EQ "IRET cleared task B's busy bit", tmp, $0
    CHECK_MASK "IRET cleared NT in task B's saved EFLAGS", TSS_B + T_EFLAGS, NT, $0
    CHECK_EQ "TSS B saved the EIP after its IRET", TSS_B + T_EIP, $task_b_after_iret
    clts

    PRINT "# INT through an IDT task gate\n"
    int $VEC_TASK
    CHECK_EQ "task C ran", c_count, $1
    CHECK_MASK "task C: NT set", c_eflags, NT, $NT
    CHECK_EQ16 "task C: back link is TSS0", c_link, $SEL_TSS0
    CHECK_EQ16 "task C: TR", c_tr, $SEL_TSS_C
    BUSY_BIT SEL_TSS_C, tmp
    CHECK_EQ "IRET cleared task C's busy bit", tmp, $0
    clts

    PRINT "# #GP through a task gate\n"
    mov $13, %eax
    call set_task_gate_d
    mov $0x7FF8, %ax                # far past the GDT limit
gp_insn:
    mov %ax, %ds
gp_resume:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov $13, %eax
    call restore_gate
    CHECK_EQ "handler task D ran", d_count, $1
    CHECK_EQ "task D: error code on its stack", d_err, $0x7FF8
    CHECK_EQ "task D: its ESP is one dword below the TSS value", d_esp, $(0x5400 - 4)
    CHECK_EQ "task D: the faulting task's saved EIP is the faulting MOV", d_fault_eip, $gp_insn
    clts

    PRINT "# CALL to a busy TSS\n"
    ARM 1f
    lcall $SEL_TSS0, $0
1:  DISARM
    CHECK_EQ "CALL to a busy TSS: #GP", exc_vec, $13
    CHECK_EQ "CALL to a busy TSS: error code = TSS selector", exc_err, $SEL_TSS0
    str %eax
    CHECK_EQ16 "still in the main task", %ax, $SEL_TSS0
    DONE

# ---------------------------------------------------------------- the tasks

task_a:
    mov %eax, a_eax
    mov %ecx, a_regs + 0
    mov %edx, a_regs + 4
    mov %ebx, a_regs + 8
    mov %ebp, a_regs + 12
    mov %esi, a_regs + 16
    mov %edi, a_regs + 20
    mov %es, %eax
    mov %eax, a_regs + 24
    mov %es:0x20, %eax
    mov %eax, a_es_read
    mov %esp, a_esp
    str %eax
    mov %eax, a_tr
    pushfl
    popl a_eflags
    BUSY_BIT SEL_TSS_A, a_busy_a
    BUSY_BIT SEL_TSS0, a_busy_0
    incl a_count
    ljmp $SEL_TSS0, $0
task_a_resume:
    incl a_count
    ljmp $SEL_TSS0, $0

task_b:
    incl b_count
    pushfl
    popl b_eflags
    movzwl TSS_B + T_LINK, %eax
    mov %eax, b_link
    BUSY_BIT SEL_TSS0, b_busy_0
    BUSY_BIT SEL_TSS_B, b_busy_b
    sldt %eax
    mov %eax, b_ldtr
    mov $SEL_LDT_DATA, %ax
    mov %ax, %es
    movl $0x1D7DA7A, %es:0x10
    iretl
task_b_after_iret:
    jmp task_b_after_iret

task_c:
    incl c_count
    pushfl
    popl c_eflags
    movzwl TSS_C + T_LINK, %eax
    mov %eax, c_link
    str %eax
    mov %eax, c_tr
    iretl

# The exception's error code is on this task's stack; the faulting task is the back link.
task_d:
    incl d_count
    mov %esp, d_esp
    popl d_err
    mov TSS0 + T_EIP, %eax
    mov %eax, d_fault_eip
    movl $gp_resume, TSS0 + T_EIP
    iretl

# ---------------------------------------------------------------- set-up

setup:
    mov $TSS0, %edi
    xor %eax, %eax
    xor %edx, %edx
    call init_tss
    mov $TSS_A, %edi
    mov $task_a, %eax
    mov $0x6000, %edx
    call init_tss
    movl $A_EAX, TSS_A + T_EAX
    movl $0xA1, TSS_A + T_ECX
    movl $0xA2, TSS_A + T_EDX
    movl $0xA3, TSS_A + T_EBX
    movl $0xA5, TSS_A + T_EBP
    movl $0xA6, TSS_A + T_ESI
    movl $0xA7, TSS_A + T_EDI
    movl $SEL_TASK_A_ES, TSS_A + T_ES
    movl $2 | CF | ZF, TSS_A + T_EFLAGS
    movl $0x7A5CE5, LDT_DATA_BASE + 0x20
    mov $TSS_B, %edi
    mov $task_b, %eax
    mov $0x5C00, %edx
    call init_tss
    movw $SEL_LDT, TSS_B + T_LDT
    mov $TSS_C, %edi
    mov $task_c, %eax
    mov $0x5800, %edx
    call init_tss
    mov $TSS_D, %edi
    mov $task_d, %eax
    mov $0x5400, %edx
    call init_tss
    # The LDT: one data segment at LDT_DATA_BASE.
    movl $0x0000FFFF | ((LDT_DATA_BASE & 0xFFFF) << 16), LDT_ADDR
    movl $((LDT_DATA_BASE >> 16) & 0xFF) | (ACC_DATA << 8), LDT_ADDR + 4
    # Task gate for INT 50.
    movl $SEL_TSS_C << 16, idt + VEC_TASK * 8
    movl $GATE_TASK << 8, idt + VEC_TASK * 8 + 4
    ret

# A TSS at EDI starting at EIP = EAX with ESP = EDX and flat segments.
init_tss:
    push %eax
    push %edi
    push %ecx
    mov $104 / 4, %ecx
    push %eax
    xor %eax, %eax
    rep stosl
    pop %eax
    pop %ecx
    pop %edi
    mov %eax, T_EIP(%edi)
    mov %edx, T_ESP(%edi)
    movl $2, T_EFLAGS(%edi)
    movl $SEL_CODE32, T_CS(%edi)
    movl $SEL_DATA32, T_SS(%edi)
    movl $SEL_DATA32, T_DS(%edi)
    movl $SEL_DATA32, T_ES(%edi)
    movl $SEL_DATA32, T_FS(%edi)
    movl $SEL_DATA32, T_GS(%edi)
    mov %cr3, %eax
    mov %eax, T_CR3(%edi)
    movw $104, T_IOMAP(%edi)
    pop %eax
    ret

# IDT entry EAX becomes a task gate to task D.
set_task_gate_d:
    movl $SEL_TSS_D << 16, idt(, %eax, 8)
    movl $GATE_TASK << 8, idt + 4(, %eax, 8)
    ret

# IDT entry EAX back to its recording stub.
restore_gate:
    push %edx
    push %ecx
    push %ebx
    mov %eax, %edx
    shl $4, %edx
    add $pm_stubs, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_INT32, %ebx
    call set_gate
    pop %ebx
    pop %ecx
    pop %edx
    ret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC TSS0, 103, ACC_TSS32, 0                 # 28
    DESC TSS_A, 103, ACC_TSS32, 0                # 30
    DESC TSS_B, 103, ACC_TSS32, 0                # 38
    DESC TSS_C, 103, ACC_TSS32, 0                # 40
    DESC TSS_D, 103, ACC_TSS32, 0                # 48
    TASK_GATE SEL_TSS_B                          # 50
    DESC LDT_ADDR, 7, ACC_LDT, 0                 # 58
    DESC LDT_DATA_BASE, 0xFFFF, ACC_DATA, 0      # 60
gdt_end:

    .balign 4
tmp:         .long 0
main_ebx:    .long 0
main_esi:    .long 0
main_tr:     .long 0
main_eflags: .long 0
main_esp:    .long 0
a_regs:      .space 28
a_es_read:   .long 0
a_count:     .long 0
a_eax:       .long 0
a_esp:       .long 0
a_tr:        .long 0
a_eflags:    .long 0
a_busy_a:    .long 0
a_busy_0:    .long 0
b_count:     .long 0
b_eflags:    .long 0
b_link:      .long 0
b_busy_0:    .long 0
b_busy_b:    .long 0
b_ldtr:      .long 0
c_count:     .long 0
c_eflags:    .long 0
c_link:      .long 0
c_tr:        .long 0
d_count:     .long 0
d_esp:       .long 0
d_err:       .long 0
d_fault_eip: .long 0
