# debug_regs.S: the debug registers and single-stepping.
# An instruction breakpoint (DR0) is a fault: the saved EIP is the instruction, DR6.B0 is set,
# and the handler returns with RF set so the instruction then runs once. A data write
# breakpoint (DR1, 4 bytes) is a trap after the write, reads do not hit it; a read/write
# breakpoint (DR2, 2 bytes) hits a byte read inside its range only; a breakpoint whose enable
# bit is clear never hits; two breakpoints report their own DR6.Bn bit; TF single-steps a
# run of instructions, one #DB after each, with DR6.BS. (DR7.GD is left out: QEMU 7.2 does
# not implement general detect.)

    .include "report.inc"
    .include "pm.inc"

    PROGRAM debug_regs

    .equ DR6_B0, 1
    .equ DR6_B1, 2
    .equ DR6_B2, 4
    .equ DR6_B3, 8
    .equ DR6_BS, 0x4000
    .equ DR7_LE, 0x100

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    mov $1, %eax
    mov $db_handler, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_INT32, %ebx
    call set_gate

    PRINT "# instruction breakpoint\n"
    call db_reset
    mov $bp_target, %eax
    mov %eax, %dr0
    mov $1, %eax                    # L0, RW0 = 00 (execute), LEN0 = 00
    mov %eax, %dr7
    xor %ecx, %ecx
    call bp_func
    call bp_func
    call dr7_off
    CHECK_EQ "instruction breakpoint: one #DB per execution", db_count, $2
    CHECK_EQ "instruction breakpoint: a fault at the instruction", db_eip_log, $bp_target
    CHECK_MASK "instruction breakpoint: DR6.B0", db_dr6_log, 0xF, $DR6_B0
    CHECK_EQ "instruction breakpoint: RF lets it run once each time", %ecx, $2
    CHECK_EQ "instruction breakpoint: second hit at the same EIP", db_eip_log + 4, $bp_target

    PRINT "# data write breakpoint\n"
    call db_reset
    mov $watch, %eax
    mov %eax, %dr1
    mov $(1 << 2) | DR7_LE | (1 << 20) | (3 << 22), %eax   # L1, RW1 = 01 (write), LEN1 = 11
    mov %eax, %dr7
    mov watch, %eax
    CHECK_EQ "read of a write-only watch: no #DB", db_count, $0
    movl $0x1234, watch
wp_after:
    call dr7_off
    CHECK_EQ "write: one #DB", db_count, $1
    CHECK_EQ "write: a trap after the writing instruction", db_eip_log, $wp_after
    CHECK_MASK "write: DR6.B1", db_dr6_log, 0xF, $DR6_B1
    CHECK_EQ "write: the value was stored before the trap", watch, $0x1234

    PRINT "# data read/write breakpoint, 2 bytes\n"
    call db_reset
    mov $watch2, %eax
    mov %eax, %dr2
    mov $(1 << 4) | DR7_LE | (3 << 24) | (1 << 26), %eax   # L2, RW2 = 11, LEN2 = 01
    mov %eax, %dr7
    mov watch2 + 4, %eax
    movb watch2 + 2, %al
    CHECK_EQ "access outside the 2 bytes: no #DB", db_count, $0
    movb watch2 + 1, %al
rw_after:
    call dr7_off
    CHECK_EQ "byte read inside the range: one #DB", db_count, $1
    CHECK_EQ "byte read inside the range: trap after it", db_eip_log, $rw_after
    CHECK_MASK "byte read inside the range: DR6.B2", db_dr6_log, 0xF, $DR6_B2

    PRINT "# disabled breakpoint\n"
    call db_reset
    mov $bp_target, %eax
    mov %eax, %dr3
    mov $DR7_LE, %eax               # DR3 holds an address, but L3 (bit 6) is clear
    mov %eax, %dr7
    xor %ecx, %ecx
    call bp_func
    call dr7_off
    CHECK_EQ "breakpoint with L3 = 0 never hits", db_count, $0
    CHECK_EQ "the instruction ran", %ecx, $1

    PRINT "# two instruction breakpoints\n"
    call db_reset
    mov $bp_target, %eax
    mov %eax, %dr0
    mov $bp2_target, %eax
    mov %eax, %dr3
    mov $(1 << 0) | (1 << 6), %eax  # L0, L3; both execute breakpoints
    mov %eax, %dr7
    xor %ecx, %ecx
    call bp_func
    call bp2_func
    call dr7_off
    CHECK_EQ "two breakpoints: two #DB", db_count, $2
    CHECK_MASK "first hit reports DR6.B0 only", db_dr6_log, 0xF, $DR6_B0
    CHECK_MASK "second hit reports DR6.B3 only", db_dr6_log + 4, 0xF, $DR6_B3
    CHECK_EQ "second hit at the DR3 address", db_eip_log + 4, $bp2_target
    CHECK_EQ "both instructions ran once", %ecx, $3

    PRINT "# single-step\n"
    call db_reset
    movl $step_end, db_stop
    pushfl
    orl $TF, (%esp)
    popfl
    nop
step1:
    mov $1, %eax
step2:
    add %eax, %eax
step3:
    jmp step4
    nop
step4:
    inc %eax
step_end:
    CHECK_EQ "single-step: one #DB per instruction", db_count, $5
    CHECK_EQ "single-step: first trap after the first instruction", db_eip_log, $step1
    CHECK_EQ "single-step: second trap", db_eip_log + 4, $step2
    CHECK_EQ "single-step: third trap", db_eip_log + 8, $step3
    CHECK_EQ "single-step: a taken JMP traps at its target", db_eip_log + 12, $step4
    CHECK_EQ "single-step: last trap", db_eip_log + 16, $step_end
    CHECK_MASK "single-step: DR6.BS", db_dr6_log, DR6_BS, $DR6_BS
    CHECK_MASK "single-step: DR6.BS on the last trap", db_dr6_log + 16, DR6_BS, $DR6_BS
    CHECK_EQ "single-step: the instructions did their work", %eax, $3
    pushfl
    popl %eax
    CHECK_MASK "single-step: TF clear afterwards", %eax, TF, $0
    DONE

bp_func:
bp_target:
    inc %ecx
    ret

bp2_func:
bp2_target:
    add $2, %ecx
    ret

db_reset:
    movl $0, db_count
    movl $0, db_stop
    xor %eax, %eax
    mov %eax, %dr6
    ret

dr7_off:
    push %eax
    xor %eax, %eax
    mov %eax, %dr7
    pop %eax
    ret

# #DB: log EIP and DR6, clear DR6, return with RF set (an instruction breakpoint then lets
# the instruction run); stop single-stepping when the saved EIP reaches db_stop.
# Stack after the three pushes: EBX, DS, EAX, EIP, CS, EFLAGS.
db_handler:
    push %eax
    push %ds
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    push %ebx
    mov db_count, %ebx
    cmp $16, %ebx
    jae 1f
    mov 12(%esp), %eax
    mov %eax, db_eip_log(, %ebx, 4)
    mov %dr6, %eax
    mov %eax, db_dr6_log(, %ebx, 4)
1:  incl db_count
    xor %eax, %eax
    mov %eax, %dr6
    orl $RF, 20(%esp)
    mov 12(%esp), %eax
    cmp db_stop, %eax
    jne 2f
    andl $~TF, 20(%esp)
2:  pop %ebx
    pop %ds
    pop %eax
    iretl

    .data
    .balign 8
gdt:
    GDT_STD
gdt_end:

    .balign 8
watch:        .long 0
              .long 0
watch2:       .long 0
              .long 0
db_count:     .long 0
db_stop:      .long 0
db_eip_log:   .space 4 * 16
db_dr6_log:   .space 4 * 16
