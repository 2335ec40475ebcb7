# privilege.S: rings 0 and 3.
# Ring 0 -> 3 through IRET and through a far RET; back through a call gate that copies two
# parameters onto the ring-0 stack taken from the TSS; INT from ring 3 through a DPL-3
# interrupt gate (stack switch, frame with SS:ESP); #GP for a DPL-0 interrupt gate, a DPL-0
# call gate, a direct call to ring-0 code, a DPL-0 data selector and privileged instructions;
# a conforming code segment that runs at the caller's CPL; data segment registers nulled on
# the return to ring 3.
#
# Ring-3 code cannot write the debug port, so it stores what it sees in variables and ring 0
# checks them afterwards.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM privilege

    .equ SEL_CODE3, 0x28 | 3
    .equ SEL_DATA3, 0x30 | 3
    .equ SEL_TSS, 0x38
    .equ SEL_GATE_PARAMS, 0x40  # DPL 3 call gate, 2 dwords copied, to ring-0 gate_params
    .equ SEL_GATE_DPL0, 0x48    # DPL 0 call gate: ring 3 may not use it
    .equ SEL_CONFORMING, 0x50   # DPL 0 conforming code
    .equ SEL_GATE_HOME, 0x58    # DPL 3 call gate back to ring 0 for good
    .equ TSS_ADDR, 0x5000
    .equ RING3_STACK, 0x6000
    .equ RING0_STACK, 0x7000    # TSS.ESP0, apart from the main ring-0 stack
    .equ VEC_USER, 0x31         # DPL 3 interrupt gate
    .equ VEC_KERNEL, 0x32       # DPL 0 interrupt gate

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    call setup
    PRINT "# to ring 3 with IRET\n"
    mov %esp, ring0_esp
    pushl $SEL_DATA3
    pushl $RING3_STACK
    pushfl
    orl $IF, (%esp)                 # ring 3 runs with IF = 1 (the 8259s are masked)
    pushl $SEL_CODE3
    pushl $ring3_iret_entry
    iretl
home_from_iret:
    call check_iret_round
    PRINT "# to ring 3 with far RET\n"
    movl $home_from_ret, home_target
    mov %esp, ring0_esp
    pushl $SEL_DATA3
    pushl $RING3_STACK
    pushl $SEL_CODE3
    pushl $ring3_ret_entry
    lret
home_from_ret:
    call check_ret_round
    DONE

setup:
    # TSS: only SS0:ESP0 matter here; the I/O map base past the limit denies all ports.
    mov $TSS_ADDR, %edi
    mov $104 / 4, %ecx
    xor %eax, %eax
    rep stosl
    movl $RING0_STACK, TSS_ADDR + 4
    movl $SEL_DATA32, TSS_ADDR + 8
    movw $104, TSS_ADDR + 102
    mov $SEL_TSS, %ax
    ltr %ax
    # Gates.
    lea gdt + SEL_GATE_PARAMS, %edi
    mov $gate_params, %edx
    mov $SEL_CODE32, %cx
    mov $(2 << 8) | GATE_CALL32 | DPL3, %ebx
    call write_gate
    lea gdt + SEL_GATE_DPL0, %edi
    mov $gate_params, %edx
    mov $GATE_CALL32, %ebx
    call write_gate
    lea gdt + SEL_GATE_HOME, %edi
    mov $gate_home, %edx
    mov $GATE_CALL32 | DPL3, %ebx
    call write_gate
    mov $VEC_USER, %eax
    mov $int_user, %edx
    mov $GATE_INT32 | DPL3, %ebx
    call set_gate
    mov $VEC_KERNEL, %eax
    mov $int_user, %edx
    mov $GATE_INT32, %ebx
    call set_gate
    ret

# ---------------------------------------------------------------- ring 3, first visit

ring3_iret_entry:
    # DS still held the DPL-0 data selector: the return to ring 3 nulled it.
    mov %ds, %ebx
    mov $SEL_DATA3, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ebx, r3_ds
    mov %cs, %eax
    mov %eax, r3_cs
    mov %ss, %eax
    mov %eax, r3_ss
    mov %esp, r3_esp

    # Call gate with two parameters.
    pushl $0x2222
    pushl $0x1111
    lcall $SEL_GATE_PARAMS | 3, $0
    mov %esp, r3_esp_after_gate
    mov %es, %eax
    mov %eax, r3_es_after_gate
    mov $SEL_DATA3, %ax
    mov %ax, %es

    # INT through a DPL-3 interrupt gate (IF is set, so the gate's clearing shows).
    int $VEC_USER
    pushfl
    popl r3_eflags_after_int

    # INT through a DPL-0 gate: #GP(vector*8+2).
    ARM 1f
    int $VEC_KERNEL
1:  call save_exc_gate_int

    # Call gate with DPL 0: #GP(gate selector).
    ARM 1f
    lcall $SEL_GATE_DPL0 | 3, $0
1:  call save_exc_gate_call

    # Direct far call to non-conforming ring-0 code: #GP(selector).
    ARM 1f
    lcall $SEL_CODE32, $gate_home
1:  call save_exc_direct

    # A DPL-0 data selector in DS: #GP(selector).
    ARM 1f
    mov $SEL_DATA32, %ax
    mov %ax, %ds
1:  call save_exc_data

    # Privileged instructions at CPL 3 with IOPL 0.
    ARM 1f
    hlt
1:  call save_exc_hlt
    ARM 1f
    mov %cr0, %eax
1:  call save_exc_cr0
    ARM 1f
    cli
1:  call save_exc_cli
    DISARM
    lcall $SEL_GATE_HOME | 3, $0

# Each saves (count, vector, error code) of the exception just taken.
save_exc_gate_int:
    mov $exc_gate_int, %edi
    jmp save_exc
save_exc_gate_call:
    mov $exc_gate_call, %edi
    jmp save_exc
save_exc_direct:
    mov $exc_direct, %edi
    jmp save_exc
save_exc_data:
    mov $exc_data, %edi
    jmp save_exc
save_exc_hlt:
    mov $exc_hlt, %edi
    jmp save_exc
save_exc_cr0:
    mov $exc_cr0, %edi
    jmp save_exc
save_exc_cli:
    mov $exc_cli, %edi
save_exc:
    mov exc_count, %eax
    mov %eax, (%edi)
    mov exc_vec, %eax
    mov %eax, 4(%edi)
    mov exc_err, %eax
    mov %eax, 8(%edi)
    mov exc_cs, %eax
    mov %eax, 12(%edi)
    ret

# ---------------------------------------------------------------- ring-0 gate targets

# Ring-0 stack: EIP, CS, the two copied parameters, ESP, SS of ring 3.
gate_params:
    mov %esp, g_esp
    mov %ss, %eax
    mov %eax, g_ss
    mov %cs, %eax
    mov %eax, g_cs
    mov 4(%esp), %eax
    mov %eax, g_ret_cs
    mov 8(%esp), %eax
    mov %eax, g_param0
    mov 12(%esp), %eax
    mov %eax, g_param1
    mov 16(%esp), %eax
    mov %eax, g_old_esp
    mov 20(%esp), %eax
    mov %eax, g_old_ss
    # A DPL-0 selector left in ES must not survive the return to ring 3.
    mov $SEL_DATA32, %ax
    mov %ax, %es
    lret $8

# Ring-0 stack: EIP, CS, EFLAGS, ESP, SS of ring 3.
int_user:
    mov %esp, i_esp
    mov %ss, %eax
    mov %eax, i_ss
    mov 4(%esp), %eax
    mov %eax, i_cs
    mov 8(%esp), %eax
    mov %eax, i_eflags
    mov 12(%esp), %eax
    mov %eax, i_old_esp
    mov 16(%esp), %eax
    mov %eax, i_old_ss
    pushfl
    popl i_eflags_inside
    iretl

# The way home: back on the main ring-0 stack, to where the round trip started.
gate_home:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov ring0_esp, %esp
    mov %cs, %eax
    mov %eax, home_cs
    jmp *home_target

# ---------------------------------------------------------------- checks after the first visit

check_iret_round:
    CHECK_MASK "ltr marks the TSS descriptor busy", gdt + SEL_TSS + 4, 0x0F00, $0x0B00
    CHECK_EQ "home through a call gate runs at CPL 0", home_cs, $SEL_CODE32
    CHECK_EQ16 "iret to ring 3: CS", r3_cs, $SEL_CODE3
    CHECK_EQ16 "iret to ring 3 nulls DS holding a DPL-0 selector", r3_ds, $0
    CHECK_EQ16 "iret to ring 3: SS from the frame", r3_ss, $SEL_DATA3
    CHECK_EQ "iret to ring 3: ESP from the frame", r3_esp, $RING3_STACK
    CHECK_EQ16 "call gate: target runs in ring 0", g_cs, $SEL_CODE32
    CHECK_EQ16 "call gate: SS from TSS.SS0", g_ss, $SEL_DATA32
    CHECK_EQ "call gate: ESP = TSS.ESP0 - 6 dwords", g_esp, $(RING0_STACK - 24)
    CHECK_EQ16 "call gate: caller CS saved with RPL 3", g_ret_cs, $SEL_CODE3
    CHECK_EQ "call gate: first parameter copied", g_param0, $0x1111
    CHECK_EQ "call gate: second parameter copied", g_param1, $0x2222
    CHECK_EQ "call gate: outer ESP saved below the parameters", g_old_esp, $(RING3_STACK - 8)
    CHECK_EQ16 "call gate: outer SS saved", g_old_ss, $SEL_DATA3
    CHECK_EQ "ret imm to ring 3 pops the parameters from the outer stack", r3_esp_after_gate, $RING3_STACK
    CHECK_EQ16 "ret to ring 3 nulls ES holding a DPL-0 selector", r3_es_after_gate, $0
    CHECK_EQ "int from ring 3: ESP = TSS.ESP0 - 5 dwords", i_esp, $(RING0_STACK - 20)
    CHECK_EQ16 "int from ring 3: SS from TSS.SS0", i_ss, $SEL_DATA32
    CHECK_EQ16 "int from ring 3: CS in the frame", i_cs, $SEL_CODE3
    CHECK_MASK "int from ring 3: IF set in the saved EFLAGS", i_eflags, IF, $IF
    CHECK_EQ "int from ring 3: outer ESP in the frame", i_old_esp, $RING3_STACK
    CHECK_EQ16 "int from ring 3: outer SS in the frame", i_old_ss, $SEL_DATA3
    CHECK_MASK "interrupt gate clears IF", i_eflags_inside, IF, $0
    CHECK_MASK "iret to ring 3 restores IF", r3_eflags_after_int, IF, $IF
    CHECK_EQ "int to a DPL-0 gate from ring 3: one #GP", exc_gate_int, $1
    CHECK_EQ "int to a DPL-0 gate: #GP", exc_gate_int + 4, $13
    CHECK_EQ "int to a DPL-0 gate: error code = vector*8+2", exc_gate_int + 8, $(VEC_KERNEL * 8 + 2)
    CHECK_EQ16 "int to a DPL-0 gate: fault taken from ring 3", exc_gate_int + 12, $SEL_CODE3
    CHECK_EQ "call through a DPL-0 gate from ring 3: one #GP", exc_gate_call, $1
    CHECK_EQ "call through a DPL-0 gate: #GP", exc_gate_call + 4, $13
    CHECK_EQ "call through a DPL-0 gate: error code = gate selector", exc_gate_call + 8, $SEL_GATE_DPL0
    CHECK_EQ "direct far call to ring-0 code: #GP", exc_direct + 4, $13
    CHECK_EQ "direct far call to ring-0 code: error code = selector", exc_direct + 8, $SEL_CODE32
    CHECK_EQ "DPL-0 data selector in DS at CPL 3: #GP", exc_data + 4, $13
    CHECK_EQ "DPL-0 data selector: error code = selector", exc_data + 8, $SEL_DATA32
    CHECK_EQ "hlt at CPL 3: #GP", exc_hlt + 4, $13
    CHECK_EQ "hlt at CPL 3: error code 0", exc_hlt + 8, $0
    CHECK_EQ "mov from CR0 at CPL 3: #GP", exc_cr0 + 4, $13
    CHECK_EQ "cli at CPL 3 with IOPL 0: #GP", exc_cli + 4, $13
    CHECK_EQ "cli at CPL 3: error code 0", exc_cli + 8, $0
    ret

# ---------------------------------------------------------------- ring 3, second visit

ring3_ret_entry:
    mov %ds, %ebx
    mov $SEL_DATA3, %ax
    mov %ax, %ds
    mov %ebx, r3b_ds
    mov %cs, %eax
    mov %eax, r3b_cs
    mov %esp, r3b_esp
    # A conforming DPL-0 segment runs at CPL 3, on the same stack.
    lcall $SEL_CONFORMING | 3, $conforming_code
    lcall $SEL_GATE_HOME | 3, $0

conforming_code:
    mov %cs, %eax
    mov %eax, conf_cs
    mov %esp, conf_esp
    mov %ss, %eax
    mov %eax, conf_ss
    lret

check_ret_round:
    CHECK_EQ16 "far ret to ring 3: CS", r3b_cs, $SEL_CODE3
    CHECK_EQ "far ret to ring 3: ESP from the frame", r3b_esp, $RING3_STACK
    CHECK_EQ16 "far ret to ring 3 nulls DS holding a DPL-0 selector", r3b_ds, $0
    CHECK_EQ16 "conforming code keeps CPL 3 (CS.RPL = 3)", conf_cs, $(SEL_CONFORMING | 3)
    CHECK_EQ "conforming code: no stack switch", conf_esp, $(RING3_STACK - 8)
    CHECK_EQ16 "conforming code: same SS", conf_ss, $SEL_DATA3
    ret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC 0, 0xFFFFF, ACC_CODE | DPL3, F_G32                  # 28 ring-3 code
    DESC 0, 0xFFFFF, ACC_DATA | DPL3, F_G32                  # 30 ring-3 data
    DESC TSS_ADDR, 103, ACC_TSS32, 0                         # 38 TSS
    .quad 0                                                  # 40 gate (set up at run time)
    .quad 0                                                  # 48 gate
    DESC 0, 0xFFFFF, ACC_CODE | 0x04, F_G32                  # 50 conforming ring-0 code
    .quad 0                                                  # 58 gate
gdt_end:

    .balign 4
ring0_esp:          .long 0
home_target:        .long home_from_iret
home_cs:            .long 0
r3_cs:              .long 0
r3_ds:              .long 0
r3b_ds:             .long 0
r3_ss:              .long 0
r3_esp:             .long 0
r3_esp_after_gate:  .long 0
r3_es_after_gate:   .long 0
r3_eflags_after_int: .long 0
g_esp:              .long 0
g_ss:               .long 0
g_cs:               .long 0
g_ret_cs:           .long 0
g_param0:           .long 0
g_param1:           .long 0
g_old_esp:          .long 0
g_old_ss:           .long 0
i_esp:              .long 0
i_ss:               .long 0
i_cs:               .long 0
i_eflags:           .long 0
i_old_esp:          .long 0
i_old_ss:           .long 0
i_eflags_inside:    .long 0
exc_gate_int:       .space 16
exc_gate_call:      .space 16
exc_direct:         .space 16
exc_data:           .space 16
exc_hlt:            .space 16
exc_cr0:            .space 16
exc_cli:            .space 16
r3b_cs:             .long 0
r3b_esp:            .long 0
conf_cs:            .long 0
conf_esp:           .long 0
conf_ss:            .long 0
