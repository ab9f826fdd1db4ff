package io.chitchat.client;

import static io.chitchat.client.ClientHarness.joined;
import static io.chitchat.client.ClientHarness.message;
import static io.chitchat.client.ClientHarness.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.ClientFrame;
import io.chitchat.protocol.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomTrackerTest {
    private final RoomTracker tracker = new RoomTracker();

    @Test
    void accept_seqNotAboveLastSeen_isDropped() {
        tracker.joined(joined("1", "red", 4, "e1", "t", List.of(), null), null);

        assertThat(tracker.accept(message("red", 4))).isFalse();
        assertThat(tracker.accept(message("red", 5))).isTrue();
        assertThat(tracker.accept(message("red", 5))).isFalse();
        assertThat(tracker.accept(message("red", 3))).isFalse();
        assertThat(tracker.snapshot().get("red").lastSeq()).isEqualTo(5);
    }

    @Test
    void accept_untrackedRoom_passes() {
        assertThat(tracker.accept(message("blue", 1))).isTrue();
        assertThat(tracker.accept(message("blue", 1))).isTrue();
    }

    @Test
    void rejoinFrame_trackedRoom_carriesNamePasswordSinceEpochAndResume() {
        tracker.joined(joined("1", "red", 4, "e1", "tok", List.of(), null), "pw");
        tracker.accept(message("red", 5));

        RoomTracker.RoomState s = tracker.startRejoin().get(0);

        assertThat(RoomTracker.rejoinFrame(s, "9"))
                .isEqualTo(new ClientFrame.Join("9", "red", "ada", "pw", 5L, "e1", "tok"));
    }

    @Test
    void rejoined_sameEpoch_returnsOnlyNewerEntriesThenHeldOnes() {
        tracker.joined(joined("1", "red", 4, "e1", "t", List.of(), null), null);
        tracker.startRejoin();
        assertThat(tracker.accept(message("red", 7))).isFalse();
        assertThat(tracker.accept(message("red", 8))).isFalse();

        List<Entry> out = tracker.rejoined(joined("2", "red", 7, "e1", "t2",
                List.of(system("red", 3), message("red", 4), message("red", 5), message("red", 6),
                        message("red", 7)), true));

        assertThat(out).extracting(Entry::seq).containsExactly(5L, 6L, 7L, 8L);
        assertThat(tracker.accept(message("red", 8))).isFalse();
        assertThat(tracker.accept(message("red", 9))).isTrue();
        assertThat(tracker.snapshot().get("red").resume()).isEqualTo("t2");
    }

    @Test
    void rejoined_otherEpoch_startsCountingAgain() {
        tracker.joined(joined("1", "red", 50, "e1", "t", List.of(), null), null);
        tracker.startRejoin();

        List<Entry> out = tracker.rejoined(joined("2", "red", 2, "e2", "t2",
                List.of(system("red", 1), message("red", 2)), false));

        assertThat(out).extracting(Entry::seq).containsExactly(1L, 2L);
        assertThat(tracker.snapshot().get("red").epoch()).isEqualTo("e2");
        assertThat(tracker.accept(message("red", 3))).isTrue();
    }

    @Test
    void joined_emptyEpoch_isTrackedAsNone() {
        tracker.joined(joined("1", "red", 1, "", "t", List.of(), null), null);

        assertThat(tracker.snapshot().get("red").epoch()).isNull();
        assertThat(RoomTracker.rejoinFrame(tracker.startRejoin().get(0), "2").epoch()).isNull();
    }

    @Test
    void remove_trackedRoom_forgetsIt() {
        tracker.joined(joined("1", "red", 1, "e1", "t", List.of(), null), null);

        assertThat(tracker.remove("red")).isTrue();
        assertThat(tracker.remove("red")).isFalse();
        assertThat(tracker.snapshot()).isEmpty();
    }
}
