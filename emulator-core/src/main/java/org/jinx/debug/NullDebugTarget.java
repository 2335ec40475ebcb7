package org.jinx.debug;

/**
 * The target of {@link DebugTarget#NULL}: registers read as zero and ignore writes, no memory is
 * mapped, breakpoints are refused, and a resume stops again at once (a step as STEPPED, a
 * continue as INTERRUPTED). Lets a stub run, and be tested, with no machine.
 */
final class NullDebugTarget implements DebugTarget {
    private StopListener listener = e -> { };
    private StopEvent last = StopEvent.of(StopEvent.Reason.STOPPED);

    @Override
    public void setStopListener(StopListener l) {
        listener = l;
    }

    @Override
    public boolean attach() {
        return true;
    }

    @Override
    public void detach() {
    }

    @Override
    public boolean resume(boolean step) {
        last = StopEvent.of(step ? StopEvent.Reason.STEPPED : StopEvent.Reason.INTERRUPTED);
        listener.stopped(last);
        return true;
    }

    @Override
    public void interrupt() {
    }

    @Override
    public void kill() {
    }

    @Override
    public boolean isRunning() {
        return false;
    }

    @Override
    public StopEvent lastStop() {
        return last;
    }

    @Override
    public int readRegister(int n, byte[] out, int off) {
        int size = DebugTarget.registerSize(n);
        for (int i = 0; i < size; i++) {
            out[off + i] = 0;
        }
        return size;
    }

    @Override
    public boolean writeRegister(int n, byte[] in, int off) {
        return DebugTarget.registerSize(n) > 0;
    }

    @Override
    public int readMemory(long addr, byte[] out, int off, int len) {
        return 0;
    }

    @Override
    public int writeMemory(long addr, byte[] in, int off, int len) {
        return 0;
    }

    @Override
    public boolean insertBreakpoint(BreakpointKind kind, long addr, int length) {
        return false;
    }

    @Override
    public boolean removeBreakpoint(BreakpointKind kind, long addr, int length) {
        return false;
    }

    @Override
    public void removeAllBreakpoints() {
    }

    @Override
    public String registerDump() {
        return "no machine\n";
    }

    @Override
    public String memoryMap() {
        return "no machine\n";
    }
}
