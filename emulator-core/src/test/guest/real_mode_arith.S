# real_mode_arith.S: the 386's integer unit, run in real mode straight after reset.
# ADD/ADC/SUB/SBB/INC/DEC/NEG/CMP and logic with their flags, BCD adjusts, sign extension,
# MUL/IMUL/DIV/IDIV and AAM/AAD, shifts and rotates (count masking, count 0), SHLD/SHRD,
# BSF/BSR/BT*, SETcc, the flag instructions (PUSHF/POPF, LAHF/SAHF, CLC/STC/CMC, CLD/STD,
# CLI/STI), and every condition code through SETcc and through Jcc.
# Only flags the 386 defines for each instruction are checked.

    .include "report.inc"

    PROGRAM real_mode_arith

main:
    call arithmetic
    call multiply_divide
    call shifts_and_bits
    call flag_insns
    call conditions
    DONE

# ---------------------------------------------------------------- arithmetic

arithmetic:
    PRINT "# arithmetic\n"
    mov $0xFFFF, %ax
    add $1, %ax
    CHECK_EQ16 "add16 FFFF+1 result", %ax, $0
    CHECK_FLAGS "add16 FFFF+1 sets CF ZF, clears SF OF", CF|ZF|SF|OF, CF|ZF

    mov $0x7F, %al
    add $1, %al
    CHECK_FLAGS "add8 7F+1 sets OF SF AF", OF|SF|AF|CF|ZF, OF|SF|AF

    # A 64-bit sum with ADD then ADC: 0x00000001_FFFFFFFF + 0x00000002_00000001.
    mov $0xFFFFFFFF, %eax
    mov $1, %edx
    add $0x00000001, %eax
    adc $0x00000002, %edx
    CHECK_EQ "add/adc 64-bit low dword", %eax, $0
    CHECK_EQ "add/adc 64-bit high dword", %edx, $4

    mov $0, %ax
    sub $1, %ax
    CHECK_EQ16 "sub16 0-1 result", %ax, $0xFFFF
    CHECK_FLAGS "sub16 0-1 sets CF SF", CF|SF|ZF|OF, CF|SF

    mov $0x8000, %ax
    sub $1, %ax
    CHECK_FLAGS "sub16 8000-1 sets OF only", OF|CF|SF|ZF, OF

    stc
    mov $10, %ebx
    sbb $3, %ebx
    CHECK_EQ "sbb32 10-3-CF", %ebx, $6

    stc
    mov $5, %cx
    inc %cx
    CHECK_FLAGS "inc keeps CF", CF, CF
    CHECK_EQ16 "inc16 result", %cx, $6
    clc
    mov $0, %cx
    dec %cx
    CHECK_FLAGS "dec 0 leaves CF clear, sets SF", CF|SF, SF

    mov $5, %ax
    neg %ax
    CHECK_EQ16 "neg16 5", %ax, $0xFFFB
    CHECK_FLAGS "neg of nonzero sets CF", CF, CF
    xor %ax, %ax
    neg %ax
    CHECK_FLAGS "neg of zero clears CF", CF|ZF, ZF

    mov $0x1234, %ax
    cmp $0x1235, %ax
    CHECK_FLAGS "cmp 1234,1235 borrow", CF|ZF|SF, CF|SF
    CHECK_EQ16 "cmp leaves the operand", %ax, $0x1234

    mov $0xF0F0, %ax
    and $0x0FF0, %ax
    CHECK_EQ16 "and16", %ax, $0x00F0
    or $0x8000, %ax
    CHECK_EQ16 "or16", %ax, $0x80F0
    CHECK_FLAGS "or clears CF OF, sets SF", CF|OF|SF|ZF, SF
    xor $0x80F0, %ax
    CHECK_FLAGS "xor to zero sets ZF PF", ZF|PF|SF, ZF|PF
    mov $0x0F, %al
    not %al
    CHECK_EQ16 "not8 leaves AH", %ax, $0x00F0

    # BCD: 19 + 28 = 47 packed.
    mov $0x19, %al
    add $0x28, %al
    daa
    CHECK_EQ16 "daa 19+28", %ax, $0x0047
    mov $0x47, %al
    sub $0x28, %al
    das
    CHECK_EQ16 "das 47-28", %ax, $0x0019
    mov $0x0009, %ax
    add $0x08, %al
    aaa
    CHECK_EQ16 "aaa 9+8 unpacked", %ax, $0x0107

    mov $0x8000, %ax
    cwd
    CHECK_EQ16 "cwd sign", %dx, $0xFFFF
    mov $0x80, %al
    cbw
    CHECK_EQ16 "cbw sign", %ax, $0xFF80
    cwde
    CHECK_EQ "cwde", %eax, $0xFFFFFF80
    cdq
    CHECK_EQ "cdq", %edx, $0xFFFFFFFF
    movsx %al, %ecx
    CHECK_EQ "movsx8 to 32", %ecx, $0xFFFFFF80
    movzx %al, %ecx
    CHECK_EQ "movzx8 to 32", %ecx, $0x80

    mov $0x1111, %ax
    mov $0x2222, %bx
    xchg %ax, %bx
    CHECK_EQ16 "xchg ax", %ax, $0x2222
    CHECK_EQ16 "xchg bx", %bx, $0x1111

    # LEA computes the 16-bit offset: 0xFFFF + 2 wraps to 0x0001.
    mov $0xFFFF, %bx
    mov $2, %si
    lea (%bx,%si), %ax
    CHECK_EQ16 "lea16 wraps", %ax, $0x0001

    mov $0x8000, %ax
    neg %ax
    CHECK_EQ16 "neg16 8000 stays 8000", %ax, $0x8000
    CHECK_FLAGS "neg16 8000 overflows", OF|CF|SF, OF|CF|SF
    mov $0x7FFF, %ax
    inc %ax
    CHECK_FLAGS "inc16 7FFF overflows", OF|SF|ZF, OF|SF
    mov $0xFFFFFFFF, %eax
    mov $0, %edx
    stc
    adc $0, %eax
    adc $0, %edx
    CHECK_EQ "adc carries through a 64-bit increment, low", %eax, $0
    CHECK_EQ "adc carries through a 64-bit increment, high", %edx, $1
    mov $5, %eax
    test $4, %al
    CHECK_FLAGS "test of a set bit: ZF clear, CF OF clear", ZF|CF|OF, 0
    ret

# ---------------------------------------------------------------- MUL, IMUL, DIV, IDIV

multiply_divide:
    PRINT "# multiply and divide\n"
    mov $0x1234, %ax
    mov $0x100, %bx
    mul %bx
    CHECK_EQ16 "mul16 low", %ax, $0x3400
    CHECK_EQ16 "mul16 high", %dx, $0x0012
    CHECK_FLAGS "mul16 high half set: CF OF", CF|OF, CF|OF
    mov $3, %ax
    mov $4, %bx
    mul %bx
    CHECK_FLAGS "mul16 no high half: CF OF clear", CF|OF, 0

    mov $-3, %ax
    mov $7, %cx
    imul %cx
    CHECK_EQ16 "imul16 -3*7 low", %ax, $0xFFEB
    CHECK_EQ16 "imul16 -3*7 high", %dx, $0xFFFF
    CHECK_FLAGS "imul16 fits: CF OF clear", CF|OF, 0

    mov $1000, %ecx
    imul $-1000, %ecx, %edx
    CHECK_EQ "imul32 three operands", %edx, $-1000000

    mov $0x10000, %eax
    imul %eax, %eax
    CHECK_EQ "imul32 two operands truncates", %eax, $0
    CHECK_FLAGS "imul32 overflow: CF OF", CF|OF, CF|OF

    # 0x0001_2345 / 0x100 = 0x123 rest 0x45.
    mov $0x0001, %dx
    mov $0x2345, %ax
    mov $0x100, %bx
    div %bx
    CHECK_EQ16 "div16 quotient", %ax, $0x0123
    CHECK_EQ16 "div16 remainder", %dx, $0x0045

    mov $-17, %eax
    cdq
    mov $5, %ecx
    idiv %ecx
    CHECK_EQ "idiv32 -17/5 quotient truncates", %eax, $-3
    CHECK_EQ "idiv32 -17/5 remainder has dividend's sign", %edx, $-2

    mov $200, %ax
    mov $7, %bl
    div %bl
    CHECK_EQ16 "div8 200/7: AH=rest AL=quotient", %ax, $0x041C

    mov $0x0203, %ax
    aad
    CHECK_EQ16 "aad 02 03", %ax, $0x0017
    mov $47, %al
    aam
    CHECK_EQ16 "aam 47", %ax, $0x0407

    mov $-4, %al
    mov $8, %bl
    imul %bl
    CHECK_EQ16 "imul8 -4*8", %ax, $0xFFE0
    CHECK_FLAGS "imul8 fits in AL: CF OF clear", CF|OF, 0
    mov $0x80, %al
    mov $2, %bl
    mul %bl
    CHECK_EQ16 "mul8 80*2", %ax, $0x0100
    CHECK_FLAGS "mul8 with AH set: CF OF", CF|OF, CF|OF
    mov $-7, %ax
    cwd
    mov $-2, %bx
    idiv %bx
    CHECK_EQ16 "idiv16 -7/-2 quotient", %ax, $3
    CHECK_EQ16 "idiv16 -7/-2 remainder", %dx, $0xFFFF
    mov $0, %edx
    mov $100000, %eax
    mov $7, %ecx
    div %ecx
    CHECK_EQ "div32 100000/7", %eax, $14285
    CHECK_EQ "div32 100000 mod 7", %edx, $5
    ret

# ---------------------------------------------------------------- shifts and bit instructions

shifts_and_bits:
    PRINT "# shifts and bits\n"
    mov $0x8001, %ax
    shl $1, %ax
    CHECK_EQ16 "shl16 by 1", %ax, $0x0002
    CHECK_FLAGS "shl16 out goes to CF", CF, CF
    mov $0x8000, %ax
    sar $3, %ax
    CHECK_EQ16 "sar16 keeps the sign", %ax, $0xF000
    mov $0x8000, %ax
    shr $3, %ax
    CHECK_EQ16 "shr16 fills zeros", %ax, $0x1000
    stc
    mov $0x40, %al
    rcl $2, %al
    CHECK_EQ16 "rcl8 through carry", %ax, $0x1002
    CHECK_FLAGS "rcl8 carry out", CF, CF
    mov $0x81, %al
    ror $1, %al
    CHECK_EQ16 "ror8", %ax, $0x10C0
    mov $0x12345678, %eax
    rol $8, %eax
    CHECK_EQ "rol32 by 8", %eax, $0x34567812
    mov $0x12345678, %eax
    mov $36, %cl
    shl %cl, %eax
    CHECK_EQ "shl32 count masked to 5 bits", %eax, $0x23456780
    pushw $0x08C3                   # OF SF ZF CF and bit 1
    popf
    mov $0, %cl
    shl %cl, %eax
    CHECK_FLAGS "shift by 0 leaves every flag", OF|SF|ZF|CF|PF, OF|SF|ZF|CF
    stc
    mov $0x01, %al
    rcr $1, %al
    CHECK_EQ16 "rcr8 brings CF into bit 7", %ax, $0x6780
    CHECK_FLAGS "rcr8 carry out", CF, CF
    mov $0x80000000, %eax
    sar $31, %eax
    CHECK_EQ "sar32 by 31", %eax, $0xFFFFFFFF

    mov $0x1234, %ax
    mov $0xABCD, %dx
    shld $4, %dx, %ax
    CHECK_EQ16 "shld16", %ax, $0x234A
    mov $0x1234, %ax
    shrd $4, %dx, %ax
    CHECK_EQ16 "shrd16", %ax, $0xD123

    mov $0x00100100, %eax
    bsf %eax, %ecx
    CHECK_EQ "bsf32", %ecx, $8
    bsr %eax, %ecx
    CHECK_EQ "bsr32", %ecx, $20
    xor %eax, %eax
    bsf %eax, %ecx
    CHECK_FLAGS "bsf of zero sets ZF", ZF, ZF

    mov $0x0010, %ax
    bt $4, %ax
    CHECK_FLAGS "bt set bit", CF, CF
    bts $0, %ax
    CHECK_FLAGS "bts old bit clear", CF, 0
    CHECK_EQ16 "bts sets", %ax, $0x0011
    btr $4, %ax
    CHECK_EQ16 "btr clears", %ax, $0x0001
    btc $15, %ax
    CHECK_EQ16 "btc flips", %ax, $0x8001

    mov $5, %ax
    cmp $9, %ax
    setb %cl
    setg %ch
    CHECK_EQ16 "setb and setg", %cx, $0x0001
    ret

# ---------------------------------------------------------------- flag instructions

flag_insns:
    PRINT "# flags\n"
    pushw $0x0CD5                   # OF DF SF ZF AF PF CF, no TF or IF
    popf
    pushf
    pop %ax
    cld
    CHECK_EQ16 "popf/pushf round trip, bit 1 reads 1", %ax, $0x0CD7
    pushw $0x0028                   # bits 3 and 5 are fixed at 0
    popf
    pushf
    pop %ax
    CHECK_EQ16 "popf: reserved bits fixed", %ax, $0x0002

    clc
    cmc
    CHECK_FLAGS "cmc sets CF", CF, CF
    cmc
    CHECK_FLAGS "cmc clears CF", CF, 0
    std
    CHECK_FLAGS "std", DF, DF
    cld
    CHECK_FLAGS "cld", DF, 0
    sti
    CHECK_FLAGS "sti", IF, IF
    cli
    CHECK_FLAGS "cli", IF, 0

    xor %ax, %ax
    pushw $0x0045                   # ZF PF CF
    popf
    lahf
    CHECK_EQ16 "lahf: SF ZF 0 AF 0 PF 1 CF", %ax, $0x4700
    mov $0xD5, %ah                  # SF ZF AF PF CF
    sahf
    CHECK_FLAGS "sahf", SF|ZF|AF|PF|CF, SF|ZF|AF|PF|CF
    ret

# ---------------------------------------------------------------- every condition code

# For a flags value, the mask of conditions that hold (bit cc for cc = 0..15: O NO B AE E
# NE BE A S NS P NP L GE LE G), taken once with SETcc and once with Jcc.
.macro CC_CASE flags, want, what
    pushw $\flags
    popf
    call setcc_mask
    CHECK_EQ16 "setcc with \what", %dx, $\want
    pushw $\flags
    popf
    call jcc_mask
    CHECK_EQ16 "jcc with \what", %dx, $\want
.endm

conditions:
    PRINT "# condition codes\n"
    CC_CASE 0x0002, 0xAAAA, "no flags"
    CC_CASE 0x08C7, 0x6555, "OF SF ZF PF CF"
    CC_CASE 0x0082, 0x59AA, "SF only"
    CC_CASE 0x0803, 0x5A65, "OF CF"
    CC_CASE 0x08C2, 0x6959, "OF SF ZF"
    CC_CASE 0x0006, 0xA6AA, "PF only"
    ret

setcc_mask:
    .set cc_index, 0
    .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
    set\cc cc_bytes + cc_index
    .set cc_index, cc_index + 1
    .endr
    jmp cc_collect

jcc_mask:
    .set cc_index, 0
    .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
    movb $0, cc_bytes + cc_index
    j\cc 1f
    jmp 2f
1:  movb $1, cc_bytes + cc_index
2:
    .set cc_index, cc_index + 1
    .endr
cc_collect:
    xor %dx, %dx
    mov $15, %bx
1:  shl $1, %dx
    or cc_bytes(%bx), %dl
    dec %bx
    jns 1b
    ret

    .data
cc_bytes:   .space 16
    CODE16
