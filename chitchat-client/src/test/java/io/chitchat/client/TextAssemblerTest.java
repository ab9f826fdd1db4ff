package io.chitchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextAssemblerTest {
    private final TextAssembler assembler = new TextAssembler(10);

    @Test
    void append_singleLastPart_returnsIt() {
        assertThat(assembler.append("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
    }

    @Test
    void append_parts_returnsNullUntilTheLastThenTheWhole() {
        StringBuilder reused = new StringBuilder("ab");

        assertThat(assembler.append(reused, false)).isNull();
        reused.setLength(0);
        reused.append("cd");
        assertThat(assembler.append(reused, false)).isNull();
        assertThat(assembler.append("e", true)).isEqualTo("abcde");
        assertThat(assembler.pending()).isZero();
        assertThat(assembler.append("next", true)).isEqualTo("next");
    }

    @Test
    void append_exactlyTheLimit_isAccepted() {
        assembler.append("12345", false);

        assertThat(assembler.append("67890", true)).hasSize(10);
    }

    @Test
    void append_overTheLimit_throwsAndDiscardsTheParts() {
        assembler.append("123456", false);

        assertThatThrownBy(() -> assembler.append("78901", false))
                .isInstanceOf(TextAssembler.FrameTooLargeException.class).hasMessageContaining("11");
        assertThat(assembler.pending()).isZero();
    }
}
