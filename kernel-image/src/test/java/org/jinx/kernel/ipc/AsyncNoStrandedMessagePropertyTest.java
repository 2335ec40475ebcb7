package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_NOTIFY;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 32: random interleavings of asynsends (appended and re-registered the way libsys
 * does it), receives from ANY or from one sender, and receiver deaths. Hint bits may be
 * spurious, but no entry is delivered twice, none reaches the wrong process, and no deliverable
 * entry is ever left behind while its receiver waits for it.
 */
class AsyncNoStrandedMessagePropertyTest {
    private static final int SENDERS = 3;
    private static final int RECEIVERS = 4;
    private static final int MAX_ENTRIES = 40;

    private record Sent(int sender, int index, int dstEndpoint, int tag, boolean valid) {
    }

    @Test
    void everyValidEntryForALiveWaitingReceiverIsDeliveredExactlyOnce() {
        for (long seed = 1; seed <= 300; seed++) {
            runOnce(seed);
        }
    }

    private void runOnce(long seed) {
        Random rnd = new Random(seed);
        KernelRig rig = new KernelRig();
        Proc[] s = new Proc[SENDERS];
        Proc[] r = new Proc[RECEIVERS];
        for (int i = 0; i < SENDERS; i++) {
            s[i] = rig.sys("s" + i);
        }
        for (int i = 0; i < RECEIVERS; i++) {
            r[i] = rig.sys("r" + i);
        }
        int[] rEndpoint = new int[RECEIVERS];
        boolean[] dead = new boolean[RECEIVERS];
        for (int i = 0; i < RECEIVERS; i++) {
            rEndpoint[i] = r[i].endpoint();
        }
        int[] count = new int[SENDERS];
        List<Sent> sent = new ArrayList<>();
        Map<Integer, Integer> deliveredTo = new HashMap<>(); // tag -> receiver endpoint
        int nextTag = 1;

        for (int step = 0; step < 150; step++) {
            int op = rnd.nextInt(100);
            if (op < 40) {
                int si = rnd.nextInt(SENDERS);
                if (count[si] < MAX_ENTRIES) {
                    int ri = rnd.nextInt(RECEIVERS);
                    boolean valid = rnd.nextInt(10) != 0;
                    int flags = valid ? AMF_VALID | (rnd.nextBoolean() ? AMF_NOTIFY : 0) : AMF_VALID | 0x40;
                    int tag = nextTag++;
                    rig.asyncEntry(s[si], count[si], flags, rEndpoint[ri], 0x500, tag);
                    sent.add(new Sent(si, count[si], rEndpoint[ri], tag, valid));
                    count[si]++;
                    assertThat(rig.senda(s[si], count[si])).isEqualTo(Errno.OK);
                }
            } else if (op < 85) {
                int ri = rnd.nextInt(RECEIVERS);
                if (!dead[ri] && r[ri].isRunnable()) {
                    int src = rnd.nextInt(10) < 7 ? Endpoint.ANY : s[rnd.nextInt(SENDERS)].endpoint();
                    assertThat(rig.receive(r[ri], src)).isEqualTo(Errno.OK);
                }
            } else if (op < 90) {
                int ri = rnd.nextInt(RECEIVERS);
                if (!dead[ri]) {
                    rig.kernel.clearProc(r[ri]);
                    dead[ri] = true;
                }
            } else {
                int si = rnd.nextInt(SENDERS);
                if (count[si] > 0) {
                    rig.senda(s[si], count[si]); // senda_reload
                }
            }
            collect(rig, r, dead, deliveredTo, seed);
            assertNothingStranded(rig, s, r, dead, sent, seed);
        }
        // Drain: every receiver that can run receives from ANY until it has to wait.
        for (int round = 0; round < MAX_ENTRIES * SENDERS; round++) {
            boolean any = false;
            for (int ri = 0; ri < RECEIVERS; ri++) {
                if (!dead[ri] && r[ri].isRunnable()) {
                    rig.receive(r[ri], Endpoint.ANY);
                    any = true;
                }
            }
            collect(rig, r, dead, deliveredTo, seed);
            if (!any) {
                break;
            }
        }
        assertNothingStranded(rig, s, r, dead, sent, seed);

        for (Sent e : sent) {
            int flags = rig.entryFlags(s[e.sender], e.index);
            Integer to = deliveredTo.get(e.tag);
            if (!e.valid) {
                assertThat(to).as("seed %d: invalid entry %d delivered", seed, e.tag).isNull();
                continue;
            }
            if (to != null) {
                assertThat(to).as("seed %d: entry %d went to the wrong process", seed, e.tag).isEqualTo(e.dstEndpoint);
                assertThat(flags & AMF_DONE).as("seed %d: delivered entry %d not DONE", seed, e.tag).isNotZero();
                assertThat(rig.entryResult(s[e.sender], e.index)).isEqualTo(Errno.OK);
            } else if ((flags & AMF_DONE) != 0) {
                assertThat(rig.entryResult(s[e.sender], e.index))
                        .as("seed %d: entry %d done without delivery", seed, e.tag).isEqualTo(Errno.EDEADSRCDST);
            }
        }
    }

    /** Takes every message waiting for copy-out; a second delivery of a tag is a failure. */
    private static void collect(KernelRig rig, Proc[] r, boolean[] dead, Map<Integer, Integer> deliveredTo, long seed) {
        for (int ri = 0; ri < r.length; ri++) {
            if (!dead[ri] && r[ri].isRunnable() && r[ri].hasMisc(MiscFlag.DELIVERMSG)) {
                Message m = rig.delivered(r[ri]);
                int tag = m.getInt(KernelRig.TAG);
                Integer before = deliveredTo.put(tag, r[ri].endpoint());
                assertThat(before).as("seed %d: tag %d delivered twice", seed, tag).isNull();
            }
        }
    }

    /** No unfinished valid entry may be addressed to a live receiver that waits for its sender. */
    private static void assertNothingStranded(KernelRig rig, Proc[] s, Proc[] r, boolean[] dead, List<Sent> sent,
            long seed) {
        for (Sent e : sent) {
            if (!e.valid || (rig.entryFlags(s[e.sender], e.index) & AMF_DONE) != 0) {
                continue;
            }
            for (int ri = 0; ri < r.length; ri++) {
                if (dead[ri] || r[ri].endpoint() != e.dstEndpoint || !r[ri].hasRts(RtsFlag.RECEIVING)) {
                    continue;
                }
                boolean wants = r[ri].getfromE == Endpoint.ANY || r[ri].getfromE == s[e.sender].endpoint();
                assertThat(wants).as("seed %d: entry %d stranded while %s waits\n%s", seed, e.tag, r[ri], rig.dump())
                        .isFalse();
            }
        }
    }
}
