package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTextTest {
    @Test
    void aQueryIsCutAtTheLimitWithoutSplittingAnEmoji() {
        // given
        String question = "a".repeat(QueryText.MAX_CHARS - 1) + "\uD83D\uDE00 and more";

        // when
        String query = QueryText.truncate(question);

        // then
        assertThat(query).hasSize(QueryText.MAX_CHARS - 1).isEqualTo("a".repeat(QueryText.MAX_CHARS - 1));
    }

    @Test
    void aShortQueryIsOnlyTrimmed() {
        assertThat(QueryText.truncate("  parking permit?  ")).isEqualTo("parking permit?");
        assertThat(QueryText.truncate(null)).isEmpty();
    }
}
