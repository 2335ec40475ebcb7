# string_rep.S: REP string instructions in 32-bit code.
# MOVS/STOS/LODS/CMPS/SCAS with 32-bit and 16-bit address sizes (the 16-bit form uses and
# wraps SI/DI/CX and leaves the upper halves alone), DF = 1, a source segment override, an
# overlapping forward copy (one element at a time), REP with ECX = 0, and REP instructions
# that take a #PF part-way: the handler maps the page and returns, the instruction restarts
# with ECX/ESI/EDI as far as it got, and the whole operation completes correctly.

    .include "report.inc"
    .include "pm.inc"

    PROGRAM string_rep

    .equ SEL_BASED, 0x28        # data, base 0x200000
    .equ BASED, 0x200000
    .equ BUF, 0x100000          # work area for the tests without faults
    .equ PD, 0x20000
    .equ PT0, 0x21000

    # Fault tests: each "NP" page starts not present; the #PF handler maps it.
    .equ MOVS_SRC, 0x300000     # 2 pages
    .equ MOVS_DST, 0x310000     # 0x311000 not present
    .equ BACK_SRC_TOP, 0x320FFF # copied downwards into 0x31F000 (not present)
    .equ BACK_DST_TOP, 0x330FFF
    .equ STOS_DST, 0x340FF8     # 0x341000 not present
    .equ CMPS_A, 0x350000
    .equ CMPS_B, 0x360000       # 0x361000 not present

main:
    ENTER_PM32 pm_main

    CODE32
pm_main:
    call setup_paging
    mov $14, %eax
    mov $pf_handler, %edx
    mov $SEL_CODE32, %cx
    mov $GATE_INT32, %ebx
    call set_gate

    PRINT "# 32-bit addresses\n"
    call fill_buf
    cld
    mov $BUF, %esi
    mov $BUF + 0x1000, %edi
    mov $37, %ecx
    rep movsb
    CHECK_EQ "rep movsb: ECX = 0", %ecx, $0
    CHECK_EQ "rep movsb: ESI advanced", %esi, $(BUF + 37)
    CHECK_EQ "rep movsb: EDI advanced", %edi, $(BUF + 0x1000 + 37)
    CHECK_EQ "rep movsb: last byte copied", BUF + 0x1000 + 33, $0x24232221
    CHECK_EQ "rep movsb: nothing past the end", BUF + 0x1000 + 37, $0

    std
    mov $BUF + 4 * 9, %esi
    mov $BUF + 0x2000 + 4 * 9, %edi
    mov $10, %ecx
    rep movsl
    cld
    CHECK_EQ "std rep movsd: ESI went down", %esi, $(BUF - 4)
    CHECK_EQ "std rep movsd: EDI went down", %edi, $(BUF + 0x2000 - 4)
    CHECK_EQ "std rep movsd: first dword copied", BUF + 0x2000, $0x03020100
    CHECK_EQ "std rep movsd: last dword copied", BUF + 0x2000 + 36, $0x27262524

    mov $BUF + 0x3000, %edi
    mov $0xBEEF, %eax
    mov $5, %ecx
    rep stosw
    CHECK_EQ "rep stosw: EDI", %edi, $(BUF + 0x3000 + 10)
    CHECK_EQ "rep stosw: words stored", BUF + 0x3000 + 6, $0xBEEFBEEF
    CHECK_EQ16 "rep stosw: stops after CX words", BUF + 0x3000 + 10, $0

    mov $BUF, %esi
    mov $4, %ecx
    rep lodsb
    CHECK_EQ "rep lodsb: AL is the last byte", %eax, $0x0000BE03

    # Overlap: a forward copy to src+1 repeats the first byte (one element at a time).
    movb $0x77, BUF
    mov $BUF, %esi
    mov $BUF + 1, %edi
    mov $8, %ecx
    rep movsb
    CHECK_EQ "overlapping forward rep movsb, bytes 1-4", BUF + 1, $0x77777777
    CHECK_EQ "overlapping forward rep movsb, bytes 5-8", BUF + 5, $0x77777777
    call fill_buf

    # REPE CMPSD stops at the first difference.
    mov $BUF, %esi
    mov $BUF + 0x4000, %edi
    mov $16, %ecx
    rep movsb
    xorb $0xFF, BUF + 0x4000 + 9
    mov $BUF, %esi
    mov $BUF + 0x4000, %edi
    mov $4, %ecx
    repe cmpsl
    CHECK_FLAGS "repe cmpsd: ZF = 0 at the difference", ZF, 0
    CHECK_EQ "repe cmpsd: ECX after the third dword", %ecx, $1
    CHECK_EQ "repe cmpsd: EDI past the differing dword", %edi, $(BUF + 0x4000 + 12)

    # REPNE SCASW backwards.
    std
    mov $BUF + 14, %edi
    mov $0x0504, %ax
    mov $8, %ecx
    repne scasw
    cld
    CHECK_FLAGS "std repne scasw: found (ZF = 1)", ZF, ZF
    CHECK_EQ "std repne scasw: EDI one word below the match", %edi, $(BUF + 2)
    CHECK_EQ "std repne scasw: ECX", %ecx, $2

    # ECX = 0: no iteration, flags unchanged.
    xor %eax, %eax                  # ZF = 1
    xor %ecx, %ecx
    mov $BUF, %esi
    mov $BUF + 0x4000, %edi
    repne cmpsb
    CHECK_FLAGS "rep with ECX = 0 leaves the flags", ZF, ZF
    CHECK_EQ "rep with ECX = 0 leaves ESI", %esi, $BUF

    # A source segment override; the destination is always ES.
    movl $0x600DCAFE, BASED + 0x40
    mov $SEL_BASED, %ax
    mov %ax, %fs
    mov $0x40, %esi
    mov $BUF + 0x5000, %edi
    mov $1, %ecx
    rep movsl %fs:(%esi), %es:(%edi)
    CHECK_EQ "rep movsd with an FS source", BUF + 0x5000, $0x600DCAFE

    PRINT "# 16-bit addresses in 32-bit code\n"
    mov $0xABCD0000 | 0x0100, %esi  # a16: SI = 0100, ESI's upper half unused
    mov $0x12340000 | 0x0200, %edi
    mov $0x55550000 | 4, %ecx
    addr16 rep movsb
    CHECK_EQ "a16 rep movsb: CX counted, ECX upper half kept", %ecx, $0x55550000
    CHECK_EQ "a16 rep movsb: SI advanced, upper half kept", %esi, $0xABCD0104
    CHECK_EQ "a16 rep movsb: DI advanced, upper half kept", %edi, $0x12340204
    mov $0xFFFE, %edi
    mov $a16_src, %esi
    movl $0x44332211, a16_src
    mov $4, %ecx
    addr16 rep movsb
    CHECK_EQ "a16 rep movsb: DI wraps at 64 KiB", %edi, $0x0002
    CHECK_EQ16 "a16 rep movsb: bytes before the wrap", 0xFFFE, $0x2211
    CHECK_EQ16 "a16 rep movsb: bytes after the wrap", 0x0000, $0x4433

    PRINT "# #PF part-way through REP MOVSD\n"
    mov $MOVS_SRC, %edi
    xor %eax, %eax
    mov $2048, %ecx
1:  stosl
    inc %eax
    loop 1b
    call pf_reset
    mov $MOVS_SRC, %esi
    mov $MOVS_DST, %edi
    mov $2048, %ecx
movs_insn:
    rep movsl
    CHECK_EQ "rep movsd: one #PF", pf_count, $1
    CHECK_EQ "rep movsd #PF: CR2 is the first unmapped byte", pf_cr2, $(MOVS_DST + 0x1000)
    CHECK_EQ "rep movsd #PF: error code (write, not present)", pf_err, $2
    CHECK_EQ "rep movsd #PF: saved EIP is the REP instruction", pf_eip, $movs_insn
    CHECK_EQ "rep movsd #PF: ECX counts what is left", pf_ecx, $1024
    CHECK_EQ "rep movsd #PF: ESI as far as it got", pf_esi, $(MOVS_SRC + 0x1000)
    CHECK_EQ "rep movsd #PF: EDI at the unmapped page", pf_edi, $(MOVS_DST + 0x1000)
    CHECK_EQ "rep movsd after #PF: ECX = 0", %ecx, $0
    CHECK_EQ "rep movsd after #PF: ESI at the end", %esi, $(MOVS_SRC + 0x2000)
    CHECK_EQ "rep movsd after #PF: EDI at the end", %edi, $(MOVS_DST + 0x2000)
    CHECK_EQ "rep movsd after #PF: last dword before the page", MOVS_DST + 0xFFC, $1023
    CHECK_EQ "rep movsd after #PF: first dword on the page", MOVS_DST + 0x1000, $1024
    CHECK_EQ "rep movsd after #PF: last dword", MOVS_DST + 0x1FFC, $2047

    PRINT "# #PF on the source of a backwards REP MOVSB\n"
    call pf_reset
    std
    mov $BACK_SRC_TOP, %esi
    mov $BACK_DST_TOP, %edi
    mov $0x1800, %ecx
back_insn:
    rep movsb
    cld
    CHECK_EQ "std rep movsb: one #PF", pf_count, $1
    CHECK_EQ "std rep movsb #PF: CR2 is the first unmapped source byte", pf_cr2, $(BACK_SRC_TOP - 0x1000)
    CHECK_EQ "std rep movsb #PF: error code (read, not present)", pf_err, $0
    CHECK_EQ "std rep movsb #PF: saved EIP", pf_eip, $back_insn
    CHECK_EQ "std rep movsb #PF: ECX", pf_ecx, $0x800
    CHECK_EQ "std rep movsb #PF: ESI", pf_esi, $(BACK_SRC_TOP - 0x1000)
    CHECK_EQ "std rep movsb #PF: EDI", pf_edi, $(BACK_DST_TOP - 0x1000)
    CHECK_EQ "std rep movsb after #PF: ECX = 0", %ecx, $0
    CHECK_EQ "std rep movsb after #PF: ESI", %esi, $(BACK_SRC_TOP - 0x1800)
    CHECK_EQ "std rep movsb after #PF: EDI", %edi, $(BACK_DST_TOP - 0x1800)
    CHECK_EQ "std rep movsb after #PF: bytes from the mapped page", (BACK_DST_TOP-3), $0xA5A5A5A5
    CHECK_EQ "std rep movsb after #PF: bytes from the faulting page", (BACK_DST_TOP-0x17FF), $0x5A5A5A5A

    PRINT "# #PF part-way through REP STOSD\n"
    call pf_reset
    mov $STOS_DST, %edi
    mov $0x57057057, %eax
    mov $4, %ecx
    rep stosl
    CHECK_EQ "rep stosd: one #PF", pf_count, $1
    CHECK_EQ "rep stosd #PF: ECX", pf_ecx, $2
    CHECK_EQ "rep stosd #PF: EDI", pf_edi, $(STOS_DST + 8)
    CHECK_EQ "rep stosd after #PF: EDI", %edi, $(STOS_DST + 16)
    CHECK_EQ "rep stosd after #PF: last dword", STOS_DST + 12, $0x57057057

    PRINT "# #PF part-way through REPE CMPSB\n"
    call pf_reset
    mov $CMPS_A, %esi
    mov $CMPS_B, %edi
    mov $0x2000, %ecx
    repe cmpsb
    CHECK_EQ "repe cmpsb: one #PF", pf_count, $1
    CHECK_EQ "repe cmpsb #PF: CR2", pf_cr2, $(CMPS_B + 0x1000)
    CHECK_EQ "repe cmpsb #PF: ECX", pf_ecx, $0x1000
    CHECK_FLAGS "repe cmpsb after #PF: all equal (ZF = 1)", ZF, ZF
    CHECK_EQ "repe cmpsb after #PF: ECX = 0", %ecx, $0
    CHECK_EQ "repe cmpsb after #PF: EDI", %edi, $(CMPS_B + 0x2000)
    DONE

# BUF[i] = i for the first 64 bytes, zero after.
fill_buf:
    pushal
    mov $BUF, %edi
    xor %eax, %eax
1:  stosb
    inc %al
    cmp $64, %al
    jb 1b
    xor %eax, %eax
    mov $(0x7000 - 64) / 4, %ecx
    rep stosl
    popal
    ret

pf_reset:
    movl $0, pf_count
    ret

# ---------------------------------------------------------------- #PF: map the page, retry
# Stack after PUSHAD: EDI ESI EBP ESP EBX EDX ECX EAX, error code, EIP, CS, EFLAGS.

pf_handler:
    pushal
    incl pf_count
    mov 32(%esp), %eax
    mov %eax, pf_err
    mov 36(%esp), %eax
    mov %eax, pf_eip
    mov 24(%esp), %eax
    mov %eax, pf_ecx
    mov 4(%esp), %eax
    mov %eax, pf_esi
    mov (%esp), %eax
    mov %eax, pf_edi
    mov %cr2, %eax
    mov %eax, pf_cr2
    cmpl $4, pf_count
    ja pf_give_up
    shr $12, %eax
    orl $1, PT0(, %eax, 4)
    mov %cr3, %eax
    mov %eax, %cr3
    popal
    add $4, %esp
    iretl
pf_give_up:
    FAILED "#PF handler: the same access keeps faulting"
    DONE

# ---------------------------------------------------------------- paging

setup_paging:
    mov $PT0, %edi
    mov $3, %eax
    mov $1024, %ecx
1:  stosl
    add $0x1000, %eax
    loop 1b
    mov $PD, %edi
    xor %eax, %eax
    mov $1024, %ecx
    rep stosl
    movl $PT0 | 3, PD
    # Contents of the pages the fault tests read, written while paging is off.
    mov $BACK_SRC_TOP - 0x1FFF, %edi
    mov $0x5A, %al
    mov $0x1000, %ecx
    rep stosb
    mov $0xA5, %al
    mov $0x1000, %ecx
    rep stosb
    mov $CMPS_A, %edi
    xor %eax, %eax
    mov $0x2000, %ecx
1:  stosb
    inc %al
    loop 1b
    mov $CMPS_A, %esi
    mov $CMPS_B, %edi
    mov $0x2000, %ecx
    rep movsb
    # Then the pages that start not present.
    andl $~1, PT0 + ((MOVS_DST + 0x1000) >> 12) * 4
    andl $~1, PT0 + ((BACK_SRC_TOP - 0x1000) >> 12) * 4
    andl $~1, PT0 + ((STOS_DST + 8) >> 12) * 4
    andl $~1, PT0 + ((CMPS_B + 0x1000) >> 12) * 4
    mov $PD, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    ret

    .data
    .balign 8
gdt:
    GDT_STD
    DESC BASED, 0xFFFFF, ACC_DATA, F_32                      # 28
gdt_end:

    .balign 4
pf_count: .long 0
pf_err:   .long 0
pf_eip:   .long 0
pf_cr2:   .long 0
pf_ecx:   .long 0
pf_esi:   .long 0
pf_edi:   .long 0
a16_src:  .long 0
