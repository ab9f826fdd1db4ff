package io.chitchat.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.ChitChat;
import io.chitchat.protocol.Member;
import io.chitchat.spi.FilterResult;
import io.chitchat.testkit.InMemoryTestClient;
import io.chitchat.testkit.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModerationFilterTest {
    private static final Member ALICE = new Member("a", "Alice");
    private final ModerationFilter masking = ModerationFilter.masking(List.of("darn", "heck"), 1);
    private final ModerationFilter rejecting = ModerationFilter.rejecting(List.of("darn"), 0);

    @Test
    void filter_listedWordsAnyCase_maskedWholeWordsOnly() {
        assertThat(masking.filter("r", ALICE, "Darn it, what the HECK. darning socks"))
                .isEqualTo(FilterResult.replace("**** it, what the ****. darning socks"));
        assertThat(masking.filter("r", ALICE, "all fine")).isEqualTo(FilterResult.allow());
    }

    @Test
    void filter_rejectingMode_rejectsWithReason() {
        assertThat(rejecting.filter("r", ALICE, "oh darn")).isEqualTo(FilterResult.reject("please keep it friendly"));
    }

    @Test
    void filter_tooManyLinks_rejected() {
        assertThat(masking.filter("r", ALICE, "see https://example.com")).isEqualTo(FilterResult.allow());
        assertThat(masking.filter("r", ALICE, "see https://a.example and www.b.example"))
                .isEqualTo(FilterResult.reject("at most 1 link(s) per message"));
        assertThat(rejecting.filter("r", ALICE, "http://x.example"))
                .isEqualTo(FilterResult.reject("at most 0 link(s) per message"));
    }

    @Test
    void factories_badArguments_refused() {
        assertThatThrownBy(() -> ModerationFilter.masking(List.of(), 1)).hasMessageContaining("word list");
        assertThatThrownBy(() -> ModerationFilter.masking(List.of("x"), -1))
                .hasMessage("max links must not be negative, was -1");
    }

    @Test
    void engine_withFilter_othersSeeMaskedTextAndSenderGetsRejectionReason() {
        try (ChitChat chat = ChitChat.builder().messageFilter(masking).build().start()) {
            TestClient alice = new InMemoryTestClient(chat);
            alice.await("welcome");
            alice.create("r", "Alice");
            TestClient bob = new InMemoryTestClient(chat);
            bob.await("welcome");
            bob.join("r", "Bob");

            alice.say("r", "darn, missed the bus");
            assertThat(bob.awaitMessage("r").path("text").asText()).isEqualTo("****, missed the bus");
            var error = alice.expectError(TestClient.request("send").put("room", "r")
                    .put("text", "https://a.example https://b.example"), "invalid_text");
            assertThat(error.path("message").asText()).contains("at most 1 link(s) per message");
        }
    }
}
