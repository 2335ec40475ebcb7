package org.jinx.cpu.decode;

/**
 * Operand types in the SDM's opcode-map notation: a letter for the addressing method and a
 * letter for the size. The decoder reads {@link #method} to know what bytes follow; the
 * disassembler reads both to print the operand.
 */
public enum Operand {
    // ModRM r/m: register or memory
    Eb('E', 'b'), Ew('E', 'w'), Ed('E', 'd'), Ev('E', 'v'),
    // ModRM reg: general register
    Gb('G', 'b'), Gw('G', 'w'), Gd('G', 'd'), Gv('G', 'v'),
    // ModRM r/m that must be memory
    M('M', '-'), Ma('M', 'a'), Mp('M', 'p'), Ms('M', 's'),
    // ModRM r/m that must be a register (MOV CRn/DRn/TRn)
    Rd('R', 'd'),
    // ModRM reg selecting a segment, control, debug or test register
    Sw('S', 'w'), Cd('C', 'd'), Dd('D', 'd'), Td('T', 'd'),
    // Immediates; Ibs is a byte sign-extended to the operand size
    Ib('I', 'b'), Ibs('I', 'B'), Iw('I', 'w'), Iv('I', 'v'),
    // Relative branch targets
    Jb('J', 'b'), Jv('J', 'v'),
    // Direct far pointer (selector:offset) in the instruction
    Ap('A', 'p'),
    // Memory offset in the instruction (MOV AL, moffs)
    Ob('O', 'b'), Ov('O', 'v'),
    // String operands DS:eSI and ES:eDI
    Xb('X', 'b'), Xv('X', 'v'), Yb('Y', 'b'), Yv('Y', 'v'),
    // Fixed registers; eXX means AX or EAX by operand size
    AL('r', 'b'), CL('r', 'b'), DL('r', 'b'), BL('r', 'b'), AH('r', 'b'), CH('r', 'b'), DH('r', 'b'), BH('r', 'b'),
    AX('r', 'w'), DX('r', 'w'),
    eAX('r', 'v'), eCX('r', 'v'), eDX('r', 'v'), eBX('r', 'v'), eSP('r', 'v'), eBP('r', 'v'), eSI('r', 'v'),
    eDI('r', 'v'),
    ES('s', 'w'), CS('s', 'w'), SS('s', 'w'), DS('s', 'w'), FS('s', 'w'), GS('s', 'w'),
    // The constant 1 of the shift-by-one forms
    ONE('1', 'b');

    /** SDM addressing-method letter (lower-case letters are fixed registers and the like). */
    public final char method;
    /** SDM operand-size letter: b byte, w word, d dword, v word or dword, p far pointer, B sign-extended byte. */
    public final char size;

    Operand(char method, char size) {
        this.method = method;
        this.size = size;
    }

    public boolean needsModrm() {
        return method == 'E' || method == 'G' || method == 'M' || method == 'R' || method == 'S' || method == 'C'
                || method == 'D' || method == 'T';
    }

    /** Register number of a fixed-register operand (ModRM encoding). */
    public int fixedRegister() {
        switch (this) {
            case AL: case AX: case eAX: case ES: return 0;
            case CL: case eCX: case CS: return 1;
            case DL: case DX: case eDX: case SS: return 2;
            case BL: case eBX: case DS: return 3;
            case AH: case eSP: case FS: return 4;
            case CH: case eBP: case GS: return 5;
            case DH: case eSI: return 6;
            case BH: case eDI: return 7;
            default: return -1;
        }
    }
}
