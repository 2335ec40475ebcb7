# The Jinx demo: a small multiboot kernel that reports what it finds on the debug console
# (port 0xE9), computes a few values a reader can check by hand, and ends the machine through
# QEMU's isa-debug-exit port (0xF4). It runs the same under `jinx boot`, `jinx pc --kernel`
# and `qemu-system-i386 -kernel`.
#
# Only 80386 instructions are used. Assembled with `as --32`, linked with `ld -m elf_i386`
# and demo.ld (no C preprocessor, so constants are .set symbols).

        .set MB_MAGIC, 0x1BADB002
        .set MB_FLAGS, 0x00000002          # bit 1: we want mem_lower/mem_upper
        .set MB_BOOT_MAGIC, 0x2BADB002     # what the loader leaves in EAX
        .set DEBUGCON, 0xE9
        .set EXIT_PORT, 0xF4

        .section .multiboot, "a"
        .align 4
        .long MB_MAGIC
        .long MB_FLAGS
        .long -(MB_MAGIC + MB_FLAGS)

        .section .note.GNU-stack, "", @progbits

        .text
        .globl _start
_start:
        mov $stack_top, %esp
        mov %ebx, mbi
        cmp $MB_BOOT_MAGIC, %eax
        jne not_multiboot

        mov $s_banner, %esi
        call puts

        # Who started us, and with what command line (flags bits 9 and 2).
        mov mbi, %ebx
        testl $(1 << 9), (%ebx)
        jz 1f
        mov $s_loader, %esi
        call puts
        mov 64(%ebx), %esi
        call puts
        call newline
1:      testl $(1 << 2), (%ebx)
        jz 2f
        mov $s_cmdline, %esi
        call puts
        mov 16(%ebx), %esi
        call puts
        mov $s_quote_nl, %esi
        call puts
2:      testl $1, (%ebx)
        jz 3f
        mov $s_memory, %esi
        call puts
        mov 4(%ebx), %eax
        call put_dec
        mov $s_kib_lower, %esi
        call puts
        mov 8(%ebx), %eax
        call put_dec
        mov $s_kib_upper, %esi
        call puts

        # The CPU mode as CR0 and the segment registers show it.
3:      mov $s_mode, %esi
        call puts
        mov %cr0, %eax
        mov %eax, %edx
        mov $s_real, %esi
        test $1, %dl
        jz 4f
        mov $s_protected, %esi
4:      call puts
        mov $s_paging_off, %esi
        test %edx, %edx
        jns 5f
        mov $s_paging_on, %esi
5:      call puts
        mov %edx, %eax
        call put_hex
        mov $s_cs, %esi
        call puts
        xor %eax, %eax
        mov %cs, %ax
        call put_hex16
        call newline

        mov $s_eflags, %esi
        call puts
        pushfl
        pop %eax
        call put_hex
        mov $s_if_clear, %esi
        test $0x200, %eax
        jz 6f
        mov $s_if_set, %esi
6:      call puts

        # The primes below 30, by trial division.
        mov $s_primes, %esi
        call puts
        mov $2, %ecx
7:      call is_prime
        jnc 8f
        mov %ecx, %eax
        call put_dec
        mov $' ', %al
        call putc
8:      inc %ecx
        cmp $30, %ecx
        jb 7b
        call newline

        # Sum of the primes below 1000: 76127.
        xor %edi, %edi
        mov $2, %ecx
9:      call is_prime
        jnc 10f
        add %ecx, %edi
10:     inc %ecx
        cmp $1000, %ecx
        jb 9b
        mov $s_prime_sum, %esi
        call puts
        mov %edi, %eax
        call put_dec
        cmp $76127, %edi
        call check

        # CRC-32 (IEEE 802.3, reflected) of "123456789": the standard check value cbf43926.
        mov $s_crc, %esi
        call puts
        mov $s_check_input, %esi
        mov $9, %ecx
        call crc32
        mov %eax, %edi
        call put_hex
        cmp $0xCBF43926, %edi
        call check

        # 12! computed with MUL, which fits in 32 bits: 479001600.
        mov $s_fact, %esi
        call puts
        mov $1, %eax
        mov $1, %ecx
11:     mul %ecx
        inc %ecx
        cmp $12, %ecx
        jbe 11b
        mov %eax, %edi
        call put_dec
        cmp $479001600, %edi
        call check

        mov $s_bye, %esi
        call puts
        mov failures, %eax
        jmp exit

not_multiboot:
        mov $s_not_mb, %esi
        call puts
        mov $0x7F, %eax

# Ends the machine with guest value AL: QEMU (and Jinx) exit with status AL*2+1.
exit:
        out %al, $EXIT_PORT
        cli                             # no exit device: stop here for good
12:     hlt
        jmp 12b

# Prints " ok" or " WRONG" and a newline from ZF as left by a CMP; counts wrong results.
check:
        mov $s_ok, %esi                 # MOV leaves the flags alone
        je 1f
        incl failures
        mov $s_wrong, %esi
1:      jmp puts

# CF = 1 if ECX (>= 2) is prime. Keeps ECX and EDI.
is_prime:
        mov $2, %ebx
1:      mov %ebx, %eax
        mul %ebx
        cmp %ecx, %eax
        ja 2f                           # divisor squared beyond n: prime
        mov %ecx, %eax
        xor %edx, %edx
        div %ebx
        test %edx, %edx
        jz 3f
        inc %ebx
        jmp 1b
2:      stc
        ret
3:      clc
        ret

# EAX = CRC-32 of ECX bytes at ESI, bit by bit with the reflected polynomial 0xEDB88320.
crc32:
        mov $0xFFFFFFFF, %eax
1:      xorb (%esi), %al
        inc %esi
        mov $8, %edx
2:      shr $1, %eax
        jnc 3f
        xor $0xEDB88320, %eax
3:      dec %edx
        jnz 2b
        loop 1b
        not %eax
        ret

# Writes AL to the debug console.
putc:
        out %al, $DEBUGCON
        ret

newline:
        mov $'\n', %al
        jmp putc

# Writes the NUL-terminated string at ESI.
puts:
        push %eax
1:      lodsb
        test %al, %al
        jz 2f
        out %al, $DEBUGCON
        jmp 1b
2:      pop %eax
        ret

# EAX in decimal.
put_dec:
        push %ebx
        push %ecx
        push %edx
        mov $10, %ebx
        xor %ecx, %ecx
1:      xor %edx, %edx
        div %ebx
        push %edx
        inc %ecx
        test %eax, %eax
        jnz 1b
2:      pop %eax
        add $'0', %al
        call putc
        loop 2b
        pop %edx
        pop %ecx
        pop %ebx
        ret

# EAX as 0x and eight hex digits; put_hex16 prints the low four.
put_hex:
        push %ecx
        mov $8, %ecx
        jmp 1f
put_hex16:
        push %ecx
        mov $4, %ecx
        rol $16, %eax
1:      push %eax
        mov $'0', %al
        call putc
        mov $'x', %al
        call putc
        pop %eax
2:      rol $4, %eax
        push %eax
        and $0xF, %eax
        mov hex_digits(%eax), %al
        call putc
        pop %eax
        loop 2b
        pop %ecx
        ret

        .section .rodata
hex_digits:     .ascii "0123456789abcdef"
s_banner:       .asciz "Jinx demo: a multiboot kernel on an emulated i386\n"
s_loader:       .asciz "boot loader:  "
s_cmdline:      .asciz "command line: \""
s_quote_nl:     .asciz "\"\n"
s_memory:       .asciz "memory:       "
s_kib_lower:    .asciz " KiB lower, "
s_kib_upper:    .asciz " KiB upper\n"
s_mode:         .asciz "cpu mode:     "
s_real:         .asciz "real mode, "
s_protected:    .asciz "protected mode, "
s_paging_off:   .asciz "paging off, CR0="
s_paging_on:    .asciz "paging on, CR0="
s_cs:           .asciz ", CS="
s_eflags:       .asciz "EFLAGS:       "
s_if_clear:     .asciz " (interrupts disabled)\n"
s_if_set:       .asciz " (interrupts enabled)\n"
s_primes:       .asciz "primes < 30:  "
s_prime_sum:    .asciz "sum of primes below 1000 = "
s_crc:          .asciz "crc32(\"123456789\") = "
s_check_input:  .ascii "123456789"
s_fact:         .asciz "12! = "
s_ok:           .asciz "  ok\n"
s_wrong:        .asciz "  WRONG\n"
s_bye:          .asciz "done; exiting through port 0xF4\n"
s_not_mb:       .asciz "Jinx demo: not started by a multiboot loader (EAX is not 0x2BADB002)\n"

        .data
failures:       .long 0

        .bss
        .align 16
mbi:            .long 0
stack:          .skip 4096
stack_top:
