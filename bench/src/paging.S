# paging.S: memory-bound work with paging on and the TLB under pressure. A 16 MiB data region
# at linear 0x40000000 is mapped page by page onto scattered physical frames (frame i of the
# region is physical 8 MiB + ((i * 1021) mod 4096) * 4 KiB); the loop then visits its 4096
# pages in an order that strides 1031 pages at a time, loading, updating and storing one dword
# per page, so consecutive accesses never share a page and a TLB of 1024 entries or fewer
# misses on nearly every one. CR3 is reloaded (the TLB flushed) after every pass.
    .globl bench_main, BENCH_INSNS
    .equ PD, 0x200000
    .equ PT_LOW, 0x201000            # identity map of the first 4 MiB (code, stack, ROM)
    .equ PT_DATA, 0x202000           # four page tables for the data region
    .equ DATA_LIN, 0x40000000
    .equ DATA_PHYS, 0x800000
    .equ PAGES, 4096
    .equ PASSES, 2000
    .equ FILL_INSNS, 3 + 3 * 1024 + 3 + 5 * 1024 + 2 + 8 * PAGES + 5 + 5
    .equ CLEAR_INSNS, 3 + 5 * (PAGES * 1024)
    .equ RUN_INSNS, 4 + PASSES * (1 + 13 * PAGES + 4)
    .set BENCH_INSNS, FILL_INSNS + CLEAR_INSNS + RUN_INSNS + 3

    .text
bench_main:
    mov $PD, %edi                    # 3, then 3 per entry: an empty page directory
    mov $1024, %ecx
    xor %eax, %eax
1:  movl $0, -4(%edi,%ecx,4)
    dec %ecx
    jnz 1b
    mov $PT_LOW, %edi                # 3, then 5 per entry: identity map 0-4 MiB
    mov $1024, %ecx
    mov $0x003, %eax                 # present, writable, supervisor
2:  mov %eax, (%edi)
    add $0x1000, %eax
    add $4, %edi
    dec %ecx
    jnz 2b
    mov $PT_DATA, %edi               # 2, then 8 per page: the scattered data region
    xor %esi, %esi
3:  imul $1021, %esi, %eax
    and $PAGES - 1, %eax
    shl $12, %eax
    add $DATA_PHYS + 0x003, %eax
    mov %eax, (%edi,%esi,4)
    inc %esi
    cmp $PAGES, %esi
    jb 3b
    movl $PT_LOW + 0x003, PD         # 5: the directory entries
    movl $PT_DATA + 0x003, PD + 256 * 4
    movl $PT_DATA + 0x1003, PD + 257 * 4
    movl $PT_DATA + 0x2003, PD + 258 * 4
    movl $PT_DATA + 0x3003, PD + 259 * 4
    mov $PD, %eax                    # 5: paging on
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0

    mov $DATA_LIN, %edi              # 3, then 5 per dword: give the region known contents
    mov $PAGES * 1024, %ecx
    mov $0x01234567, %eax
4:  mov %eax, (%edi)
    add $0x9E3779B9, %eax
    add $4, %edi
    dec %ecx
    jnz 4b

    mov $PASSES, %esi                # 4
    xor %ebx, %ebx                   # page index
    xor %edi, %edi                   # offset within the page
    xor %ebp, %ebp                   # checksum
5:  mov $PAGES, %ecx                 # 1 per pass
6:  mov %ebx, %eax                   # 13 per access
    shl $12, %eax
    or %edi, %eax
    mov DATA_LIN(%eax), %edx
    add %edx, %ebp
    lea 1(%edx,%ebp), %edx
    mov %edx, DATA_LIN(%eax)
    add $1031, %ebx
    and $PAGES - 1, %ebx
    add $68, %edi
    and $0xFFC, %edi
    dec %ecx
    jnz 6b
    mov %cr3, %eax                   # 4 per pass: flush the TLB
    mov %eax, %cr3
    dec %esi
    jnz 5b
    mov %ebp, %eax                   # 3
    xor %edx, %edx
    ret
    .section .note.GNU-stack, "", @progbits
