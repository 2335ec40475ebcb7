package org.jinx.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    /** A device with one field of every type and a nested part. */
    private static final class Widget implements Snapshottable {
        int count;
        long deadline;
        boolean on;
        String mode = "";
        byte[] ram = new byte[4];
        int partLevel;
        int version = 2;

        @Override
        public int stateVersion() {
            return version;
        }

        @Override
        public void saveState(StateWriter w) {
            w.putInt("count", count).putLong("deadline", deadline).putBoolean("on", on).putString("mode", mode)
                    .putBytes("ram", ram);
            w.child("part").putInt("level", partLevel);
        }

        @Override
        public void loadState(StateReader r) {
            r.requireVersion(2);
            count = r.getInt("count");
            deadline = r.getLong("deadline");
            on = r.getBoolean("on");
            mode = r.getString("mode");
            ram = r.getBytes("ram", 4);
            partLevel = r.child("part").getInt("level");
        }
    }

    @Test
    void encodedSnapshotRestoresEveryFieldByName() {
        Widget a = new Widget();
        a.count = -7;
        a.deadline = 1L << 40;
        a.on = true;
        a.mode = "square";
        a.ram = new byte[] {1, 2, 3, (byte) 0xFF};
        a.partLevel = 5;
        Snapshot s = new Snapshot();
        s.save("widget", a);

        Widget b = new Widget();
        Snapshot.decode(s.encode()).load("widget", b);
        assertThat(b.count).isEqualTo(-7);
        assertThat(b.deadline).isEqualTo(1L << 40);
        assertThat(b.on).isTrue();
        assertThat(b.mode).isEqualTo("square");
        assertThat(Arrays.equals(b.ram, a.ram)).isTrue();
        assertThat(b.partLevel).isEqualTo(5);
    }

    @Test
    void newerVersionIsRefusedWithSectionName() {
        Widget a = new Widget();
        a.version = 3;
        Snapshot s = new Snapshot();
        s.save("widget", a);
        assertThatThrownBy(() -> s.load("widget", new Widget()))
                .isInstanceOf(StateException.class).hasMessageContaining("widget").hasMessageContaining("version 3");
    }

    @Test
    void missingFieldAndMissingSectionAreNamed() {
        Snapshot s = new Snapshot();
        assertThatThrownBy(() -> s.load("pit", new Widget())).hasMessageContaining("no section pit");
        StateReader r = StateReader.of("pit", 1, new java.util.HashMap<>());
        assertThatThrownBy(() -> r.getInt("count")).hasMessage("pit: missing field count");
        assertThat(r.getInt("count", 9)).isEqualTo(9);
    }

    @Test
    void corruptBytesGiveStateExceptionNotStackTrace() {
        assertThatThrownBy(() -> Snapshot.decode(new byte[] {1, 2, 3})).isInstanceOf(StateException.class);
        Snapshot s = new Snapshot();
        s.save("widget", new Widget());
        byte[] data = s.encode();
        assertThatThrownBy(() -> Snapshot.decode(Arrays.copyOf(data, data.length - 3)))
                .isInstanceOf(StateException.class).hasMessageContaining("truncated");
    }
}
