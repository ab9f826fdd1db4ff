package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.Member;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void joinOptions_withers_buildUpTheOptions() {
        JoinOptions o = JoinOptions.none().withPassword("pw").withSince(3, "e1").withResume("tok");

        assertThat(o).isEqualTo(new JoinOptions("pw", 3L, "e1", "tok"));
    }

    @Test
    void joinOptions_invalid_failFast() {
        assertThatThrownBy(() -> JoinOptions.none().withSince(-1, null)).hasMessage("since must not be negative, was -1");
        assertThatThrownBy(() -> new JoinOptions(null, null, "e1", null)).hasMessageContaining("epoch");
    }

    @Test
    void toString_secrets_areNotPrinted() {
        assertThat(new JoinOptions("hunter2", null, null, "tok-secret").toString())
                .doesNotContain("hunter2").doesNotContain("tok-secret");
        assertThat(new JoinedRoom("red", new Member("1", "ada"), 3, "e1", "tok-secret").toString())
                .doesNotContain("tok-secret").contains("red");
    }

    @Test
    void clientException_always_carriesCodeAndMessage() {
        ChitChatClientException e = new ChitChatClientException(ErrorCode.NAME_TAKEN, "the name is taken");

        assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN);
        assertThat(e).hasMessage("the name is taken").hasToString(
                "io.chitchat.client.ChitChatClientException: name_taken: the name is taken");
    }
}
