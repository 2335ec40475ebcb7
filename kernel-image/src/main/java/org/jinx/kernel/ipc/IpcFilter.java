package org.jinx.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.proc.Endpoint;

/**
 * One IPC filter of a receiver's chain (spec 3.9): a blacklist or a whitelist of elements that
 * match on m_source, m_type or both. Live-update preparation installs them so that only some
 * senders get through; a message the chain refuses is not lost, it stays pending or queued.
 */
public final class IpcFilter {
    public static final int MATCH_M_SOURCE = 0x1;
    public static final int MATCH_M_TYPE = 0x2;
    public static final int MAX_ELEMENTS = 128;

    /** What kind of process a message comes from, for the ANY_USR/ANY_SYS/ANY_TSK wildcards. */
    public enum SourceKind { USER, SYSTEM, TASK }

    public record Element(int flags, int source, int type) {
    }

    public final boolean whitelist;
    public final List<Element> elements = new ArrayList<>();

    public IpcFilter(boolean whitelist) {
        this.whitelist = whitelist;
    }

    public IpcFilter add(int flags, int source, int type) {
        if (elements.size() >= MAX_ELEMENTS) {
            throw new IllegalStateException("an IPC filter holds at most " + MAX_ELEMENTS + " elements");
        }
        elements.add(new Element(flags, source, type));
        return this;
    }

    private boolean matches(int source, SourceKind kind, int type) {
        for (Element e : elements) {
            if ((e.flags & MATCH_M_SOURCE) != 0 && !sourceMatches(e.source, source, kind)) {
                continue;
            }
            if ((e.flags & MATCH_M_TYPE) != 0 && e.type != type) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static boolean sourceMatches(int wanted, int source, SourceKind kind) {
        return switch (wanted) {
            case Endpoint.ANY_USR -> kind == SourceKind.USER;
            case Endpoint.ANY_SYS -> kind == SourceKind.SYSTEM;
            case Endpoint.ANY_TSK -> kind == SourceKind.TASK;
            default -> wanted == source;
        };
    }

    /**
     * The chain's verdict. It starts at "allow" when the first filter is a blacklist and "deny"
     * when it is a whitelist; a whitelist is consulted only while the verdict is deny and a
     * blacklist only while it is allow. An empty chain allows everything.
     */
    public static boolean allows(List<IpcFilter> chain, int source, SourceKind kind, int type) {
        if (chain.isEmpty()) {
            return true;
        }
        boolean allow = !chain.get(0).whitelist;
        for (IpcFilter f : chain) {
            if (f.whitelist != allow && f.matches(source, kind, type)) {
                allow = f.whitelist;
            }
        }
        return allow;
    }
}
