# v86.S: virtual-8086 mode under a small monitor.
# Entry by IRET with VM = 1; 8086 code at F000 with real-mode segment arithmetic; PUSHFD hides
# VM; with IOPL = 3, INT n goes through the IDT to a ring-0 handler that sees the V86 frame
# (segment registers included) with DS..GS zeroed; with IOPL = 0, INT n, IRET and CLI raise
# #GP(0) and the monitor reflects INT n into the V86 IVT and emulates IRET; IN/OUT obey the
# TSS I/O permission bitmap whatever IOPL is (a word access needs both bits clear); HLT hands
# control back to the monitor.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM v86

    .equ SEL_TSS, 0x28
    .equ TSS_ADDR, 0x5000
    .equ IOMAP, 104             # the bitmap covers ports 00-FF, then the closing FF byte
    .equ TSS_LIMIT, IOMAP + 32
    .equ RING0_STACK, 0x7000
    .equ V86_SS, 0x0600
    .equ V86_SP, 0x0400         # linear 0x6400
    .equ VEC_PM, 0x40           # IDT gate, DPL 3: taken directly from V86 when IOPL = 3
    .equ VEC_REFLECT, 0x21      # V86 IVT vector the monitor reflects to when IOPL < 3
    .equ ALLOWED_PORT, 0x80
    .equ DENIED_PORT, 0x81
    .equ V86_DATA_SEG, 0x1000

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    call setup

    PRINT "# V86 with IOPL 3\n"
    movl $after_part1, v86_exit
    mov %esp, ring0_esp
    pushl $0                        # GS
    pushl $0                        # FS
    pushl $0                        # DS
    pushl $0                        # ES
    pushl $V86_SS
    pushl $V86_SP
    pushl $(VM | IOPL3 | 2)
    pushl $0xF000
    pushl $v86_part1
    iretl
after_part1:
    CHECK_EQ16 "V86 code runs with CS = F000", v_cs, $0xF000
    CHECK_MASK "pushfd in V86 hides VM", v_eflags, VM, $0
    CHECK_MASK "pushfd in V86 shows IOPL", v_eflags, IOPL3, $IOPL3
    CHECK_EQ16 "V86 segment arithmetic: 1000:0020 is linear 10020", (V86_DATA_SEG*16+0x20), $0x8086
    CHECK_EQ "IOPL 3: INT n went to the IDT gate", i40_count, $1
    CHECK_EQ16 "IOPL 3: INT n result back in V86", v_int_ax, $0x4040
    CHECK_EQ "ring-0 handler entered with DS = 0", i40_ds_inside, $0
    CHECK_EQ "V86 frame: EIP after the INT", i40_frame + 0, $v86_int40_ret
    CHECK_EQ16 "V86 frame: CS", i40_frame + 4, $0xF000
    CHECK_MASK "V86 frame: EFLAGS has VM", i40_frame + 8, VM, $VM
    CHECK_EQ16 "V86 frame: SP", i40_frame + 12, $V86_SP
    CHECK_EQ16 "V86 frame: SS", i40_frame + 16, $V86_SS
    CHECK_EQ16 "V86 frame: ES", i40_frame + 20, $V86_DATA_SEG
    CHECK_EQ16 "V86 frame: DS", i40_frame + 24, $0
    CHECK_EQ "I/O bitmap: four #GP in part 1", gp_count, $4
    CHECK_EQ "I/O bitmap: OUT to a denied port faults", gp_log + 0, $0xE6
    CHECK_EQ "I/O bitmap: #GP error code 0", gp_err_log + 0, $0
    CHECK_EQ "I/O bitmap: IN word over an allowed and a denied port faults", gp_log + 4, $0xE5
    CHECK_EQ "I/O bitmap: OUT DX to a denied port faults", gp_log + 8, $0xEE
    CHECK_EQ "HLT in V86 faults to the monitor", gp_log + 12, $0xF4
    CHECK_EQ "allowed port and CLI/STI at IOPL 3 ran without a fault", v_reached, $3

    PRINT "# V86 with IOPL 0\n"
    movl $0, gp_count
    movl $after_part2, v86_exit
    mov %esp, ring0_esp
    pushl $0
    pushl $0
    pushl $0
    pushl $0
    pushl $V86_SS
    pushl $V86_SP
    pushl $(VM | 2)
    pushl $0xF000
    pushl $v86_part2
    iretl
after_part2:
    CHECK_EQ "IOPL 0: INT n, IRET, CLI and HLT each raised #GP", gp_count, $4
    CHECK_EQ "IOPL 0: INT n raises #GP", gp_log + 0, $0xCD
    CHECK_EQ "IOPL 0: INT n #GP error code 0", gp_err_log + 0, $0
    CHECK_EQ "IOPL 0: IRET raises #GP", gp_log + 4, $0xCF
    CHECK_EQ "IOPL 0: CLI raises #GP", gp_log + 8, $0xFA
    CHECK_EQ "IOPL 0: HLT raises #GP", gp_log + 12, $0xF4
    CHECK_EQ16 "reflected INT ran the V86 IVT handler", v_int21_ax, $0x2121
    CHECK_EQ16 "the reflected handler saw its own CS", v_int21_cs, $0xF000
    CHECK_EQ "IDT gate not used when IOPL < 3", i40_count, $1
    CHECK_EQ16 "V86 stack balanced after INT and emulated IRET", v_exit_sp, $V86_SP
    DONE

setup:
    # TSS: ring-0 stack and an I/O bitmap that allows only ALLOWED_PORT below 0x100.
    mov $TSS_ADDR, %edi
    mov $TSS_LIMIT + 1, %ecx
    xor %al, %al
    rep stosb
    movl $RING0_STACK, TSS_ADDR + 4
    movl $SEL_DATA32, TSS_ADDR + 8
    movw $IOMAP, TSS_ADDR + 102
    mov $TSS_ADDR + IOMAP, %edi
    mov $33, %ecx
    mov $0xFF, %al
    rep stosb
    andb $~(1 << (ALLOWED_PORT & 7)), TSS_ADDR + IOMAP + ALLOWED_PORT / 8
    mov $SEL_TSS, %ax
    ltr %ax
    mov $13, %eax
    mov $v86_monitor, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_INT32, %ebx
    call set_gate
    mov $VEC_PM, %eax
    mov $int40_pm, %edx
    mov $GATE_INT32 | DPL3, %ebx
    call set_gate
    # The V86 IVT entry the monitor reflects to.
    movw $v86_int21, VEC_REFLECT * 4
    movw $0xF000, VEC_REFLECT * 4 + 2
    ret

# ---------------------------------------------------------------- the monitor (#GP handler)
# Stack: error code, EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS; PUSHAD adds 32 bytes.

    .equ F_ERR, 32
    .equ F_EIP, 36
    .equ F_CS, 40
    .equ F_EFLAGS, 44
    .equ F_ESP, 48
    .equ F_SS, 52

v86_monitor:
    pushal
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    testl $VM, F_EFLAGS(%esp)
    jz monitor_unexpected
    movzwl F_CS(%esp), %esi
    shl $4, %esi
    add F_EIP(%esp), %esi
    movzbl (%esi), %eax
    mov gp_count, %ecx
    mov %eax, gp_log(, %ecx, 4)
    mov F_ERR(%esp), %edx
    mov %edx, gp_err_log(, %ecx, 4)
    incl gp_count
    cmp $0xCD, %al
    je reflect_int
    cmp $0xCF, %al
    je emulate_iret
    cmp $0xF4, %al
    je leave_v86
    cmp $0xFA, %al
    je skip1
    cmp $0xEE, %al
    je skip1
    cmp $0xEF, %al
    je skip1
    cmp $0xEC, %al
    je skip1
    cmp $0xED, %al
    je skip1
    cmp $0xE4, %al
    jb monitor_unexpected
    cmp $0xE7, %al
    jbe skip2
monitor_unexpected:
    mov F_ERR(%esp), %eax
    mov %eax, exc_err
    mov F_EIP(%esp), %eax
    mov %eax, exc_eip
    mov F_CS(%esp), %eax
    mov %eax, exc_cs
    movl $13, exc_vec
    jmp pm_exc_unexpected

skip2:
    incl F_EIP(%esp)
skip1:
    incl F_EIP(%esp)
monitor_return:
    popal
    add $4, %esp
    iretl

# INT n: push FLAGS, CS, IP+2 on the V86 stack and continue at the V86 IVT entry.
reflect_int:
    movzbl 1(%esi), %ebx
    call v86_stack
    sub $6, %edi
    subw $6, F_ESP(%esp)
    mov F_EFLAGS(%esp), %eax
    mov %ax, 4(%edi)
    mov F_CS(%esp), %eax
    mov %ax, 2(%edi)
    mov F_EIP(%esp), %eax
    add $2, %eax
    mov %ax, (%edi)
    movzwl (, %ebx, 4), %eax
    mov %eax, F_EIP(%esp)
    movzwl 2(, %ebx, 4), %eax
    mov %eax, F_CS(%esp)
    andl $~(TF | IF), F_EFLAGS(%esp)
    jmp monitor_return

# IRET: pop IP, CS, FLAGS from the V86 stack; IOPL and VM stay as they are.
emulate_iret:
    call v86_stack
    movzwl (%edi), %eax
    mov %eax, F_EIP(%esp)
    movzwl 2(%edi), %eax
    mov %eax, F_CS(%esp)
    movzwl 4(%edi), %eax
    and $~IOPL3 & 0xFFFF, %eax
    andl $~0xFFFF | IOPL3, F_EFLAGS(%esp)
    or %eax, F_EFLAGS(%esp)
    addw $6, F_ESP(%esp)
    jmp monitor_return

# EDI = linear address of the V86 SS:SP.
v86_stack:
    movzwl F_SS + 4(%esp), %edi
    shl $4, %edi
    movzwl F_ESP + 4(%esp), %eax
    add %eax, %edi
    ret

leave_v86:
    mov F_ESP(%esp), %eax
    mov %eax, v_exit_sp
    mov $SEL_DATA32, %ax
    mov %ax, %fs
    mov %ax, %gs
    mov ring0_esp, %esp
    jmp *v86_exit

# IOPL 3: INT 40 from V86 arrives here through the DPL-3 gate.
# Stack: EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS.
int40_pm:
    mov %ds, %eax
    mov %eax, %ss:i40_ds_inside
    mov $SEL_DATA32, %ax            # DS and ES arrive null from V86
    mov %ax, %ds
    mov %ax, %es
    incl i40_count
    push %esi
    push %edi
    push %ecx
    lea 12(%esp), %esi
    mov $i40_frame, %edi
    mov $7, %ecx
    rep movsl
    pop %ecx
    pop %edi
    pop %esi
    mov $0x4040, %eax
    iretl

# ---------------------------------------------------------------- V86 code (8086 at F000)

    CODE16
v86_part1:
    mov %cs, %ax
    mov %ax, v_cs
    pushfl
    popl v_eflags
    mov $V86_DATA_SEG, %ax
    mov %ax, %es
    movw $0x8086, %es:0x20
    xor %ax, %ax
    int $VEC_PM
v86_int40_ret:
    mov %ax, v_int_ax
    mov $1, %al
    out %al, $ALLOWED_PORT
    incw v_reached
    out %al, $DENIED_PORT
    inw $ALLOWED_PORT, %ax
    mov $DENIED_PORT, %dx
    out %al, %dx
    cli
    sti
    cli
    incw v_reached
    in $ALLOWED_PORT, %al
    incw v_reached
    hlt

v86_part2:
    xor %ax, %ax
    int $VEC_REFLECT
    mov %ax, v_int21_ax
    cli
    hlt

# The V86 program's own interrupt handler, reached through its IVT by the monitor.
v86_int21:
    mov %cs, %ax
    mov %ax, v_int21_cs
    mov $0x2121, %ax
    iret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC TSS_ADDR, TSS_LIMIT, ACC_TSS32, 0     # 28
gdt_end:

    .balign 4
ring0_esp:     .long 0
v86_exit:      .long 0
v_cs:          .long 0
v_eflags:      .long 0
v_int_ax:      .long 0
v_int21_ax:    .long 0
v_int21_cs:    .long 0
v_reached:     .long 0
v_exit_sp:     .long 0
i40_count:     .long 0
i40_ds_inside: .long 0xFFFFFFFF
i40_frame:     .space 28
gp_count:      .long 0
gp_log:        .space 4 * 16
gp_err_log:    .space 4 * 16
