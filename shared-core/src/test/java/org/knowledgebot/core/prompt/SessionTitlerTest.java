package org.knowledgebot.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.knowledgebot.core.testing.ScriptedChatModel;

class SessionTitlerTest {

    @Test
    void theModelsTitleIsUsedWithoutQuotes() {
        // given
        ScriptedChatModel model = ScriptedChatModel.answering("\"Return ", "policy\"");

        // when
        String title = new SessionTitler(model).title("How do returns work?");

        // then
        assertThat(title).isEqualTo("Return policy");
        assertThat(model.requests().get(0).maxTokens()).isEqualTo(25);
        assertThat(model.requests().get(0).temperature()).isZero();
    }

    @Test
    void anEmptyTitleFallsBackToTheFirstWholeWordsWithinSixtyCharacters() {
        // given
        ScriptedChatModel model = ScriptedChatModel.answering("  ");

        // when
        String title = new SessionTitler(model).title("  Could you   explain how the warranty extension works for refurbished laptops?");

        // then
        assertThat(title).isEqualTo("Could you explain how the warranty extension works for");
        assertThat(title.length()).isLessThanOrEqualTo(60);
    }

    @Test
    void aLongWordIsCutWithoutSplittingAnEmoji() {
        // when
        String title = SessionTitler.firstWords("a" + "😀".repeat(40));

        // then
        assertThat(title).isEqualTo("a" + "😀".repeat(29));
    }
}
