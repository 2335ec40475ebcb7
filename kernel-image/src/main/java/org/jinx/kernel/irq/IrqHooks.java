package org.jinx.kernel.irq;

import org.jinx.kernel.abi.Abi;

import org.jinx.kernel.hw.PicControl;
import org.jinx.kernel.proc.Endpoint;

/**
 * Interrupt hooks: which driver hears which IRQ line (spec 6.3, MINIX interrupt.c). A hook ties
 * line q to an owner endpoint and a notify id (the bit in the owner's pending-interrupt word).
 * When q fires the line is masked, every hook on it is marked active and its owner notified
 * from HARDWARE; hooks with the REENABLE policy clear their mark at once. The line is unmasked
 * again only when no hook on it is active, so a driver without REENABLE keeps its line quiet
 * until it calls IRQCTL ENABLE.
 *
 * <p>Hooks are keyed by endpoint, so they stay with the slot across a live update and are
 * removed when the process is cleared.
 */
public final class IrqHooks {
    /** Hooks in the 8259 configuration (MINIX NR_IRQ_HOOKS). */
    @Abi
    public static final int NR_IRQ_HOOKS = 16;
    /** Policy bit: re-enable the line as soon as the notification is sent. */
    @Abi
    public static final int IRQ_REENABLE = 0x1;

    /** What the hooks do to their owners; the kernel sends the notifications. */
    @FunctionalInterface
    public interface Notifier {
        /** Adds {@code notifyId}'s bit to the owner's pending interrupts and notifies it from HARDWARE. */
        void interrupt(int ownerEndpoint, int notifyId);
    }

    /** One hook; {@code irq} is -1 while the hook is free. */
    public static final class Hook {
        int irq = -1;
        int owner = Endpoint.NONE;
        int notifyId;
        int policy;
        boolean active;

        public int irq() {
            return irq;
        }

        public int owner() {
            return owner;
        }

        public int notifyId() {
            return notifyId;
        }

        public boolean active() {
            return active;
        }

        boolean isFree() {
            return irq == -1;
        }
    }

    private final Hook[] hooks = new Hook[NR_IRQ_HOOKS];
    private final PicControl pic;
    private final Notifier notifier;

    public IrqHooks(PicControl pic, Notifier notifier) {
        this.pic = pic;
        this.notifier = notifier;
        for (int i = 0; i < hooks.length; i++) {
            hooks[i] = new Hook();
        }
    }

    /** The hook at index i (0-based), or null if out of range. */
    public Hook hook(int index) {
        return index >= 0 && index < hooks.length ? hooks[index] : null;
    }

    /**
     * Links {@code owner}'s hook for {@code notifyId} to line {@code irq}, reusing the owner's
     * existing hook with that notify id, and unmasks the line. Returns the hook index, or -1 when
     * every hook is taken.
     */
    public int setPolicy(int owner, int irq, int policy, int notifyId) {
        int index = -1;
        for (int i = 0; i < hooks.length; i++) {
            if (!hooks[i].isFree() && hooks[i].owner == owner && hooks[i].notifyId == notifyId) {
                index = i;
                break;
            }
        }
        if (index == -1) {
            for (int i = 0; i < hooks.length; i++) {
                if (hooks[i].isFree()) {
                    index = i;
                    break;
                }
            }
        }
        if (index == -1) {
            return -1;
        }
        Hook h = hooks[index];
        if (!h.isFree() && h.irq != irq) {
            remove(index); // the owner moves this notify id to another line
        }
        h.irq = irq;
        h.owner = owner;
        h.notifyId = notifyId;
        h.policy = policy;
        h.active = false;
        updateLine(irq);
        return index;
    }

    /** Unlinks a hook; its line is masked if nothing else listens, else re-evaluated. */
    public void remove(int index) {
        Hook h = hooks[index];
        int irq = h.irq;
        h.irq = -1;
        h.owner = Endpoint.NONE;
        h.active = false;
        updateLine(irq);
    }

    /** IRQCTL ENABLE: the driver has serviced its device. */
    public void enable(int index) {
        Hook h = hooks[index];
        h.active = false;
        updateLine(h.irq);
    }

    /** IRQCTL DISABLE: the hook counts as active, so its line stays masked. */
    public void disable(int index) {
        Hook h = hooks[index];
        h.active = true;
        pic.mask(h.irq);
    }

    /** SYS_CLEAR: every hook of a dying endpoint goes. */
    public void removeAll(int owner) {
        for (int i = 0; i < hooks.length; i++) {
            if (!hooks[i].isFree() && hooks[i].owner == owner) {
                remove(i);
            }
        }
    }

    /** True if any hook is linked: some driver may still be woken by hardware. */
    public boolean anyInUse() {
        for (Hook h : hooks) {
            if (!h.isFree()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Line {@code irq} fired and has been acknowledged at the PIC (masked and EOI'd by the
     * caller). Notifies every hook's owner; unmasks the line unless some hook stays active.
     */
    public void fire(int irq) {
        for (Hook h : hooks) {
            if (h.irq != irq) {
                continue;
            }
            h.active = true;
            notifier.interrupt(h.owner, h.notifyId);
            if ((h.policy & IRQ_REENABLE) != 0) {
                h.active = false;
            }
        }
        updateLine(irq);
    }

    /** Unmasks a line that has listeners and none active; masks it otherwise. */
    private void updateLine(int irq) {
        boolean listened = false;
        boolean active = false;
        for (Hook h : hooks) {
            if (h.irq == irq) {
                listened = true;
                active |= h.active;
            }
        }
        if (listened && !active) {
            pic.unmask(irq);
        } else {
            pic.mask(irq);
        }
    }

    /** One line per hook in use, for the console and for test messages. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hooks.length; i++) {
            Hook h = hooks[i];
            if (!h.isFree()) {
                sb.append(String.format("hook %2d irq %2d owner %s id %d%s%s%n", i + 1, h.irq, Endpoint.name(h.owner),
                        h.notifyId, (h.policy & IRQ_REENABLE) != 0 ? " reenable" : "", h.active ? " ACTIVE" : ""));
            }
        }
        return sb.toString();
    }
}
