# paging.S: two-level paging on the 386.
# Page tables identity-map the first 4 MiB (user, writable) with a few test pages; then #PF
# with its error code (P, W/R, U/S bits), CR2 and the saved EIP for: not present (read and
# write, ring 0 and ring 3, PTE and PDE level), ring-3 write to a read-only page, ring-3
# access to a supervisor page, and the PDE/PTE combination rules. A supervisor write to a
# read-only page succeeds (the 386 has no CR0.WP). The CPU sets accessed bits on a read and
# the dirty bit on a write. A changed PTE takes effect after CR3 is reloaded.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM paging

    .equ SEL_CODE3, 0x28 | 3
    .equ SEL_DATA3, 0x30 | 3
    .equ SEL_TSS, 0x38
    .equ SEL_GATE_HOME, 0x40
    .equ SEL_BASED, 0x48        # data segment based at PG_NP
    .equ TSS_ADDR, 0x5000
    .equ RING3_STACK, 0x6000
    .equ RING0_STACK, 0x7000

    .equ PD, 0x20000
    .equ PT0, 0x21000           # 0-4 MiB
    .equ PT1, 0x22000           # 4-8 MiB: PDE read-only (user), PTE writable
    .equ PT3, 0x23000           # 12-16 MiB: PDE supervisor, PTE user

    .equ PG_NP, 0x300000        # not present
    .equ PG_RO, 0x301000        # user, read-only
    .equ PG_SUP, 0x302000       # supervisor, writable
    .equ PG_AD, 0x303000        # user, writable: accessed and dirty bits
    .equ PG_ALIAS, 0x304000     # remapped for the CR3 test
    .equ PHYS_A, 0x305000
    .equ PHYS_B, 0x308000
    .equ PG_PDE_RO, 0x400000    # through PT1
    .equ PG_NO_PDE, 0x800000    # PDE 2 not present
    .equ PG_PDE_SUP, 0xC00000   # through PT3

    .equ P, 1
    .equ W, 2
    .equ U, 4
    .equ A, 0x20
    .equ D, 0x40

.macro PTE_OF lin, dst
    mov $PT0 + ((\lin >> 12) & 0x3FF) * 4, \dst
.endm

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    call setup_tables
    call setup_ring3
    mov $PD, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    jmp 1f
1:  mov %cr0, %eax
    CHECK_MASK "CR0.PG set, identity-mapped code still runs", %eax, 0x80000000, $0x80000000

    PRINT "# ring 0\n"
    ARM 1f
np_read:
    mov PG_NP + 0x123, %eax
1:  CHECK_EXC "read not-present page", 14, 0, np_read
    CHECK_EQ "read not-present page: CR2", exc_cr2, $(PG_NP + 0x123)

    ARM 1f
np_write:
    movl $1, PG_NP + 0x456
1:  CHECK_EXC "write not-present page", 14, W, np_write
    CHECK_EQ "write not-present page: CR2", exc_cr2, $(PG_NP + 0x456)

    ARM 1f
no_pde:
    mov PG_NO_PDE + 0x10, %eax
1:  CHECK_EXC "read under a not-present PDE", 14, 0, no_pde
    CHECK_EQ "read under a not-present PDE: CR2", exc_cr2, $(PG_NO_PDE + 0x10)

    # Instruction fetch from a not-present page, and an instruction that runs into one.
    ARM 1f
    jmp PG_NP + 0x10
1:  CHECK_EXC "fetch from a not-present page", 14, 0, (PG_NP+0x10)
    CHECK_EQ "fetch from a not-present page: CR2", exc_cr2, $(PG_NP + 0x10)
    movw $0x00B8, PG_NP - 2          # MOV EAX, imm32 whose immediate is on the next page
    ARM 1f
    jmp PG_NP - 2
1:  CHECK_EXC "instruction running into a not-present page", 14, 0, (PG_NP-2)
    CHECK_EQ "instruction running into a not-present page: CR2", exc_cr2, $PG_NP

    # CR2 holds the linear address: segment base plus offset.
    mov $SEL_BASED, %ax
    mov %ax, %es
    ARM 1f
based:
    mov %es:0x789, %eax
1:  mov $SEL_DATA32, %ax
    mov %ax, %es
    CHECK_EXC "fault through a based segment", 14, 0, based
    CHECK_EQ "CR2 is base + offset", exc_cr2, $(PG_NP + 0x789)

    # No CR0.WP on the 386: ring 0 writes read-only pages.
    DISARM
    movl $0x5EC0DE, PG_RO + 0x10
    CHECK_EQ "ring 0 writes a read-only page", PG_RO + 0x10, $0x5EC0DE
    movl $0x5EC0DF, PG_PDE_RO + 0x10
    CHECK_EQ "ring 0 writes under a read-only PDE", PG_PDE_RO + 0x10, $0x5EC0DF
    movl $0x5EC0E0, PG_PDE_SUP + 0x10
    CHECK_EQ "ring 0 writes under a supervisor PDE", PG_PDE_SUP + 0x10, $0x5EC0E0

    PRINT "# accessed and dirty bits\n"
    PTE_OF PG_AD, %ebx
    CHECK_MASK "PTE starts with A and D clear", (%ebx), A|D, $0
    mov PG_AD, %eax
    CHECK_MASK "read sets A in the PTE", (%ebx), A|D, $A
    movl $7, PG_AD + 4
    CHECK_MASK "write sets D in the PTE", (%ebx), A|D, $(A|D)
    CHECK_MASK "PDE of used memory has A", PD, A, $A
    CHECK_MASK "PDE has no D bit set by the CPU", PD + 4, D, $0
    PTE_OF PG_NP, %ebx
    CHECK_EQ "a faulting access leaves the not-present PTE alone", (%ebx), $0

    PRINT "# TLB and CR3\n"
    movl $0x11111111, PHYS_A
    movl $0x22222222, PHYS_B
    CHECK_EQ "alias reads physical page A", PG_ALIAS, $0x11111111
    PTE_OF PG_ALIAS, %ebx
    movl $PHYS_B | P | W | U, (%ebx)
    mov %cr3, %eax
    mov %eax, %cr3
    CHECK_EQ "after a CR3 reload the alias reads page B", PG_ALIAS, $0x22222222
    mov $PG_ALIAS, %eax
    movl $0x33333333, (%eax)
    CHECK_EQ "writes through the alias land in page B", PHYS_B, $0x33333333

    PRINT "# ring 3\n"
    mov %esp, ring0_esp
    pushl $SEL_DATA3
    pushl $RING3_STACK
    pushfl
    pushl $SEL_CODE3
    pushl $ring3_code
    iretl
home:
    CHECK_EQ "ring 3: user page read and write without a fault", r3_plain, $0xABCD
    CHECK_EQ "ring 3 write to read-only page: #PF", r3_ro, $1
    CHECK_EQ "ring 3 write to read-only page: error code P|W|U", r3_ro + 8, $(P|W|U)
    CHECK_EQ "ring 3 write to read-only page: CR2", r3_ro + 12, $(PG_RO + 0x20)
    CHECK_EQ "ring 3 write to read-only page: saved EIP", r3_ro + 16, $ro_insn
    CHECK_EQ "ring 3 write to read-only page: nothing written", PG_RO + 0x20, $0
    CHECK_EQ "ring 3 read of a read-only page works", r3_ro_read, $0x5EC0DE
    CHECK_EQ "ring 3 read of a supervisor page: #PF", r3_sup, $1
    CHECK_EQ "ring 3 read of a supervisor page: error code P|U", r3_sup + 8, $(P|U)
    CHECK_EQ "ring 3 read of a supervisor page: CR2", r3_sup + 12, $(PG_SUP + 0x30)
    CHECK_EQ "ring 3 write to a supervisor page: error code P|W|U", r3_sup_w + 8, $(P|W|U)
    CHECK_EQ "ring 3 fetch from a supervisor page: error code P|U", r3_sup_x + 8, $(P|U)
    CHECK_EQ "ring 3 fetch from a supervisor page: CR2", r3_sup_x + 12, $(PG_SUP + 0x40)
    CHECK_EQ "ring 3 fetch from a supervisor page: saved EIP", r3_sup_x + 16, $(PG_SUP + 0x40)
    CHECK_EQ "ring 3 read not-present: error code U", r3_np + 8, $U
    CHECK_EQ "ring 3 write not-present: error code W|U", r3_np_w + 8, $(W|U)
    CHECK_EQ "ring 3 write under a read-only PDE: error code P|W|U", r3_pde_ro + 8, $(P|W|U)
    CHECK_EQ "ring 3 read under a read-only PDE works", r3_pde_ro_read, $0x5EC0DF
    CHECK_EQ "ring 3 read under a supervisor PDE: error code P|U", r3_pde_sup + 8, $(P|U)
    CHECK_EQ "all ring-3 faults were #PF", r3_vectors, $(14 * 8)
    DONE

# ---------------------------------------------------------------- ring 3

ring3_code:
    mov $SEL_DATA3, %ax
    mov %ax, %ds
    mov %ax, %es
    movl $0xABCD, PG_AD + 8
    mov PG_AD + 8, %eax
    mov %eax, r3_plain

    ARM 1f
ro_insn:
    movl $0xBAD, PG_RO + 0x20
1:  mov $r3_ro, %edi
    call save_fault
    mov PG_RO + 0x10, %eax
    mov %eax, r3_ro_read

    ARM 1f
    mov PG_SUP + 0x30, %eax
1:  mov $r3_sup, %edi
    call save_fault

    ARM 1f
    movl $0xBAD, PG_SUP + 0x30
1:  mov $r3_sup_w, %edi
    call save_fault

    ARM 1f
    jmp PG_SUP + 0x40
1:  mov $r3_sup_x, %edi
    call save_fault

    ARM 1f
    mov PG_NP, %eax
1:  mov $r3_np, %edi
    call save_fault

    ARM 1f
    movl $0xBAD, PG_NP
1:  mov $r3_np_w, %edi
    call save_fault

    ARM 1f
    movl $0xBAD, PG_PDE_RO + 0x20
1:  mov $r3_pde_ro, %edi
    call save_fault
    mov PG_PDE_RO + 0x10, %eax
    mov %eax, r3_pde_ro_read

    ARM 1f
    mov PG_PDE_SUP, %eax
1:  mov $r3_pde_sup, %edi
    call save_fault
    DISARM
    lcall $SEL_GATE_HOME | 3, $0

# EDI: count, vector, error code, CR2, EIP of the exception just taken.
save_fault:
    mov exc_count, %eax
    mov %eax, (%edi)
    mov exc_vec, %eax
    mov %eax, 4(%edi)
    add %eax, r3_vectors
    mov exc_err, %eax
    mov %eax, 8(%edi)
    mov exc_cr2, %eax
    mov %eax, 12(%edi)
    mov exc_eip, %eax
    mov %eax, 16(%edi)
    ret

gate_home:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov ring0_esp, %esp
    jmp home

# ---------------------------------------------------------------- set-up

setup_tables:
    # PT0: identity, user, writable.
    mov $PT0, %edi
    mov $P | W | U, %eax
    mov $1024, %ecx
1:  stosl
    add $0x1000, %eax
    loop 1b
    PTE_OF PG_NP, %edi
    movl $0, (%edi)
    PTE_OF PG_RO, %edi
    movl $PG_RO | P | U, (%edi)
    PTE_OF PG_SUP, %edi
    movl $PG_SUP | P | W, (%edi)
    PTE_OF PG_ALIAS, %edi
    movl $PHYS_A | P | W | U, (%edi)
    # PT1 and PT3: one page each, user and writable at the PTE level.
    mov $PT1, %edi
    xor %eax, %eax
    mov $2048, %ecx
    rep stosl
    movl $0x306000 | P | W | U, PT1
    movl $0x307000 | P | W | U, PT3
    # The directory.
    mov $PD, %edi
    mov $1024, %ecx
    rep stosl
    movl $PT0 | P | W | U, PD
    movl $PT1 | P | U, PD + 4
    movl $PT3 | P | W, PD + 12
    # Pages the checks read must start known.
    movl $0, PG_RO + 0x20
    ret

setup_ring3:
    mov $TSS_ADDR, %edi
    mov $104 / 4, %ecx
    xor %eax, %eax
    rep stosl
    movl $RING0_STACK, TSS_ADDR + 4
    movl $SEL_DATA32, TSS_ADDR + 8
    movw $104, TSS_ADDR + 102
    mov $SEL_TSS, %ax
    ltr %ax
    lea gdt + SEL_GATE_HOME, %edi
    mov $gate_home, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_CALL32 | DPL3, %ebx
    call write_gate
    ret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC 0, 0xFFFFF, ACC_CODE | DPL3, F_G32                  # 28
    DESC 0, 0xFFFFF, ACC_DATA | DPL3, F_G32                  # 30
    DESC TSS_ADDR, 103, ACC_TSS32, 0                         # 38
    .quad 0                                                  # 40 call gate home
    DESC PG_NP, 0xFFFFF, ACC_DATA, F_32                      # 48
gdt_end:

    .balign 4
ring0_esp:      .long 0
r3_plain:       .long 0
r3_ro_read:     .long 0
r3_pde_ro_read: .long 0
r3_vectors:     .long 0
r3_ro:          .space 20
r3_sup:         .space 20
r3_sup_w:       .space 20
r3_sup_x:       .space 20
r3_np:          .space 20
r3_np_w:        .space 20
r3_pde_ro:      .space 20
r3_pde_sup:     .space 20
