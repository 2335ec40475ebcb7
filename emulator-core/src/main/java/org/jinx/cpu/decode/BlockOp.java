package org.jinx.cpu.decode;

import org.jinx.cpu.Cpu;

/**
 * What a {@link Block} runs for one instruction. An abstract class rather than an interface:
 * the block runner's call through it is megamorphic, and a virtual call through the vtable is
 * cheaper than an interface call through the itable. Form-specialised operations
 * ({@code cpu.exec.Fast32}) extend it directly; every other instruction runs its table handler
 * through {@link #of}.
 */
public abstract class BlockOp {
    public abstract void exec(Cpu cpu, DecodedInsn d);

    /** The table handler this operation only calls, or null for a specialised operation. */
    public InsnHandler handler() {
        return null;
    }

    /** The operation that runs a table handler. */
    public static BlockOp of(InsnHandler handler) {
        return new Handler(handler);
    }

    private static final class Handler extends BlockOp {
        private final InsnHandler handler;

        Handler(InsnHandler handler) {
            this.handler = handler;
        }

        @Override
        public void exec(Cpu cpu, DecodedInsn d) {
            handler.exec(cpu, d);
        }

        @Override
        public InsnHandler handler() {
            return handler;
        }
    }
}
