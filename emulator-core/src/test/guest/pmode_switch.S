# pmode_switch.S: into protected mode and back.
# LGDT/SGDT, the switch to 32-bit code, descriptor bases and accessed bits, a 16-bit stack
# segment in 32-bit code, a code segment with a non-zero base, the way back to real mode
# through 16-bit protected-mode code (segments reloaded with 64 KiB limits before PE is
# cleared), unreal mode (a 4 GiB limit loaded in protected mode survives the switch back and
# a real-mode load of the selector), and a second entry with LMSW, which cannot clear PE.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM pmode_switch

    .equ SEL_BASED_DATA, 0x28   # data, base 0x20000
    .equ SEL_ROM_CODE32, 0x30   # 32-bit code, base 0xF0000 (offsets are ROM offsets)
    .equ SEL_BIG_DATA, 0x38     # data, base 0, 4 GiB: the unreal-mode limit
    .equ BASED_DATA, 0x20000
    .equ HIGH_MEM, 0x100000

main:
    PRINT "# real mode after reset\n"
    sgdtl tbl_buf
    CHECK_EQ16 "reset GDTR limit", tbl_buf, $0xFFFF
    CHECK_EQ "reset GDTR base", tbl_buf + 2, $0
    # The IDTR limit after reset is 03FF in the 386 manual and FFFF in the SDM: base only.
    sidtl tbl_buf
    CHECK_EQ "reset IDTR base", tbl_buf + 2, $0
    smsw %ax
    CHECK_MASK "reset CR0.PE clear", %eax, 1, $0

    lgdtl gdtr
    sgdtl tbl_buf
    mov $gdt_end - gdt - 1, %ax
    CHECK_EQ16 "lgdt/sgdt limit", tbl_buf, %ax
    CHECK_EQ "lgdt/sgdt base", tbl_buf + 2, $gdt

    PRINT "# into protected mode\n"
    ENTER_PM32 pm32

    CODE32
pm32:
    smsw %ax
    CHECK_MASK "CR0.PE set", %eax, 1, $1
    mov %cs, %ax
    CHECK_EQ16 "CS is the 32-bit code selector", %ax, $SEL_CODE32
    mov %esp, %ebx
    push %ax
    mov %esp, %ecx
    pop %ax
    sub %ecx, %ebx
    CHECK_EQ "push of a 16-bit register moves ESP by 2", %ebx, $2
    mov %esp, %ebx
    push $0x1234
    mov %esp, %ecx
    pop %eax
    sub %ecx, %ebx
    CHECK_EQ "push imm in 32-bit code moves ESP by 4", %ebx, $4
    # (QEMU does not set the accessed bit on a CS load, so only data loads are checked.)
    CHECK_MASK "data descriptor accessed bit set by the load", gdt + SEL_DATA32 + 4, 0x0100, $0x0100
    CHECK_MASK "unused descriptor accessed bit still clear", gdt + SEL_BASED_DATA + 4, 0x0100, $0

    # A data segment based at 0x20000: DS:10 is linear 0x20010.
    movl $0, BASED_DATA + 0x10
    mov $SEL_BASED_DATA, %ax
    mov %ax, %es
    movl $0x600DF00D, %es:0x10
    mov $SEL_DATA32, %ax
    mov %ax, %es
    CHECK_EQ "segment base added to the offset", BASED_DATA + 0x10, $0x600DF00D

    # SS with B = 0 in 32-bit code: PUSH uses SP and keeps ESP's upper half.
    mov %esp, %edi
    mov $SEL_DATA16, %ax
    mov %ax, %ss
    mov $0xABCD7000, %esp
    pushl $0x13572468
    mov %esp, %ebx
    mov $SEL_DATA32, %ax
    mov %ax, %ss
    mov %edi, %esp
    CHECK_EQ "16-bit stack: ESP upper half kept, SP moved", %ebx, $0xABCD6FFC
    CHECK_EQ "16-bit stack: value at SS:SP", 0x6FFC, $0x13572468

    # A code segment based at the ROM: CALL pushes the offset from that base.
    lcall $SEL_ROM_CODE32, $(rom_based_code - ROM_BASE)
    CHECK_EQ "code at base F0000 sees its own offset", %eax, $(rom_based_here - ROM_BASE)
    CHECK_EQ16 "code at base F0000 ran with its selector", %bx, $SEL_ROM_CODE32

    # A far JMP through a 16:32 pointer in memory.
    movl $far_jmp_target, far_ptr
    movw $SEL_CODE32, far_ptr + 4
    xor %edx, %edx
    ljmp *far_ptr
    mov $1, %edx
far_jmp_target:
    CHECK_EQ "ljmp through a 16:32 pointer", %edx, $0

    # Protected-mode INT through the IDT (vector 0x30, a 32-bit interrupt gate).
    mov $0x30, %eax
    mov $int30_pm, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_INT32, %ebx
    call set_gate
    xor %eax, %eax
    int $0x30
    CHECK_EQ "int 30 through the IDT", %eax, $0x30

    PRINT "# back to real mode\n"
    # The IVT must be the interrupt table again before PE is cleared.
    cli
    lidtl ivt_idtr
    mov $SEL_BIG_DATA, %ax
    mov %ax, %fs
    ljmp $SEL_CODE16, $pm16

rom_based_code:
    call rom_based_here
rom_based_here:
    pop %eax
    mov %cs, %bx
    lret

int30_pm:
    mov $0x30, %eax
    iretl

    CODE16
pm16:
    # 16-bit protected mode: a PUSH moves the stack by 2 (operand size from CS.D = 0).
    mov %esp, %ebx
    push %ax
    mov %esp, %ecx
    pop %ax
    sub %ecx, %ebx
    mov %ebx, pm16_push_size
    mov %cs, %ax
    mov %ax, pm16_cs
    # Real-mode-like segments: 64 KiB limits, writable data, byte granular. FS keeps 4 GiB.
    mov $SEL_DATA16, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %gs
    mov %ax, %ss
    mov %cr0, %eax
    and $~1, %eax
    mov %eax, %cr0
    ljmp $0xF000, $real_again

real_again:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %gs
    mov %ax, %ss
    mov $STACK_TOP, %sp
    CHECK_EQ "16-bit protected mode: push moved SP by 2", pm16_push_size, $2
    CHECK_EQ16 "16-bit protected mode ran with the 16-bit code selector", pm16_cs, $SEL_CODE16
    smsw %ax
    CHECK_MASK "CR0.PE clear again", %eax, 1, $0
    mov %cs, %ax
    CHECK_EQ16 "CS is F000 again", %ax, $0xF000

    # Segment arithmetic is seg*16 again.
    mov $0x2000, %ax
    mov %ax, %es
    movw $0x4242, %es:0x0010
    mov $0x2001, %ax
    mov %ax, %es
    mov %es:0x0000, %bx
    xor %ax, %ax
    mov %ax, %es
    CHECK_EQ16 "real-mode segment arithmetic after the switch", %bx, $0x4242

    # The IVT answers INT again.
    movw $int40_real, 0x40 * 4
    movw $0xF000, 0x40 * 4 + 2
    xor %ax, %ax
    int $0x40
    CHECK_EQ16 "real-mode INT through the IVT", %ax, $0x4040

    PRINT "# unreal mode\n"
    # FS still holds the 4 GiB limit and base 0 from protected mode.
    mov $HIGH_MEM + 0x100, %esi
    movl $0x5A5AA5A5, %fs:(%esi)
    mov $0xFFFF, %ax
    mov %ax, %es
    mov %es:0x0110, %eax            # FFFF:0110 = 0x100100
    xor %bx, %bx
    mov %bx, %es
    CHECK_EQ "unreal FS reaches 1 MiB at the right linear address", %eax, $0x5A5AA5A5
    # A real-mode load of FS sets base = selector*16 and leaves the limit alone.
    mov $0x1000, %ax
    mov %ax, %fs
    mov $HIGH_MEM + 0x200 - 0x10000, %esi
    movl $0x0BADCAFE, %fs:(%esi)    # 0x10000 + 0xF0200 = 0x100200
    mov $0xFFFF, %ax
    mov %ax, %es
    mov %es:0x0210, %eax
    xor %bx, %bx
    mov %bx, %es
    CHECK_EQ "unreal limit survives a real-mode segment load", %eax, $0x0BADCAFE
    mov %fs, %ax
    CHECK_EQ16 "FS selector is the real-mode value", %ax, $0x1000
    xor %ax, %ax
    mov %ax, %fs

    PRINT "# into protected mode with LMSW\n"
    cli
    lgdtl gdtr
    smsw %ax
    or $1, %ax
    lmsw %ax
    ljmpl $SEL_CODE32, $pm32_again

    CODE32
pm32_again:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $STACK_TOP, %esp
    call pm_init_idt
    smsw %ax
    CHECK_MASK "lmsw sets PE", %eax, 1, $1
    xor %ax, %ax
    lmsw %ax
    smsw %ax
    CHECK_MASK "lmsw cannot clear PE", %eax, 1, $1
    mov %cr0, %eax
    CHECK_MASK "CR0 agrees with SMSW", %eax, 1, $1
    DONE

    CODE16
int40_real:
    mov $0x4040, %ax
    iret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC BASED_DATA, 0xFFFF, ACC_DATA, F_32
    DESC ROM_BASE, 0xFFFF, ACC_CODE, F_32
    DESC 0, 0xFFFFF, ACC_DATA, F_G32
gdt_end:

ivt_idtr:       .word 0x03FF
                .long 0
tbl_buf:        .space 8
far_ptr:        .space 8
pm16_push_size: .long 0
pm16_cs:        .long 0
