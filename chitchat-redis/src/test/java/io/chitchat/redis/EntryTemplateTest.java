package io.chitchat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ProtocolCodec;
import org.junit.jupiter.api.Test;

class EntryTemplateTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void withSeq_messageWhoseTextMimicsTheField_encodesAsTheCodecDoes() {
        Entry draft = new Entry.Message("r", 0, 42, new Member("\"seq\":0", "x"), "{\"seq\":0} \\\"seq\\\":0", "c");
        EntryTemplate t = EntryTemplate.of(codec, draft);
        assertThat(t.withSeq(1234)).isEqualTo(codec.encode(draft.withSeq(1234)));
        assertThat(codec.decodeServer(t.withSeq(7))).isEqualTo(draft.withSeq(7));
    }

    @Test
    void of_draftWithASeq_ignoresIt() {
        Entry draft = new Entry.SystemEvent("r", 99, 1, Entry.SystemEvent.LEAVE, new Member("m", "Bob"));
        assertThat(EntryTemplate.of(codec, draft).withSeq(3)).isEqualTo(codec.encode(draft.withSeq(3)));
    }
}
