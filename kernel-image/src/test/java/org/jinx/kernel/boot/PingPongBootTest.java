package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo pair booted as modules 0 and 1 runs to completion through the real trap path. */
class PingPongBootTest {
    @Test
    void pingAndPongExchangeAThousandRoundTripsAndBothExitCleanly() throws Exception {
        StringBuilder console = new StringBuilder();
        List<String> log = new ArrayList<>();
        HostedSystem sys = HostedSystem.onPc(new HostedSystem.Settings(16 << 20, 33_000_000L, true), console::append, log::add);
        sys.boot(List.of(GuestPrograms.system("ping"), GuestPrograms.system("pong")));
        HostedSystem.Outcome o = sys.run(200_000_000L);
        assertThat(o.end()).as("console:\n%s\nlog: %s\n%s", console, log, o.processes())
                .isEqualTo(HostedSystem.End.ALL_EXITED);
        assertThat(o.statuses()).containsEntry("ping", 0).containsEntry("pong", 0);
        assertThat(console.toString()).contains("ping: 1000 round trips with endpoint 1, all answered")
                .contains("pong: served 1000 requests");
    }
}
