package org.knowledgebot.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void truncationNeverLeavesHalfAnEmoji() {
        // given "ab" then a rocket: a cut after 3 units would fall between the rocket's two halves
        String text = "ab🚀c";

        // when / then
        assertThat(Texts.truncate(text, 3)).isEqualTo("ab");
        assertThat(Texts.truncate(text, 4)).isEqualTo("ab🚀");
        assertThat(Texts.truncate(text, 10)).isSameAs(text);
        assertThat(Texts.abbreviate(text, 3)).isEqualTo("ab…");
        assertThat(Texts.abbreviate("abc", 3)).isEqualTo("abc");
    }
}
