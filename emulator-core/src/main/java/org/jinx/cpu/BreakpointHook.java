package org.jinx.cpu;

/**
 * An external debugger's breakpoint test, made before the instruction at CS:EIP executes (after
 * any interrupt has been taken, so a breakpoint on a handler's first instruction is seen).
 * Installed only while breakpoints exist, so a run without them pays one null test.
 */
@FunctionalInterface
public interface BreakpointHook {
    /** True stops the run loop with the instruction not executed and the CPU state untouched. */
    boolean stopBefore(Cpu cpu);
}
