package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.prompt.PromptEnhancer;
import org.knowledgebot.core.prompt.SessionTitler;

class OfflineRewriteModelTest {
    private static Turn turn(String user, String chatbot) {
        return new Turn(user, chatbot, List.of(), TurnStatus.COMPLETE, Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void expandsAFollowUpWithThePreviousQuestionsKeyTermsThroughTheRealEnhancer() {
        // given
        PromptEnhancer enhancer = new PromptEnhancer(new OfflineRewriteModel(), 3);
        List<Turn> history = List.of(turn("How do I renew my residential parking permit?", "Online from 1 February."));

        // when
        PromptEnhancer.Standalone standalone = enhancer.standalone("How much does it cost?", history);

        // then
        assertThat(standalone.rewritten()).isTrue();
        assertThat(standalone.question()).isEqualTo("How much does it cost? (renew residential parking permit)");
    }

    @Test
    void termsTheFollowUpAlreadyHasAreNotRepeated() {
        // when
        String expanded = OfflineRewriteModel.expand("What do parking permits cost?", "How do I renew a parking permit?");

        // then
        assertThat(expanded).isEqualTo("What do parking permits cost? (renew)");
    }

    @Test
    void namesASessionAfterTheQuestionsKeyTermsThroughTheRealTitler() {
        // given
        SessionTitler titler = new SessionTitler(new OfflineRewriteModel());

        // when
        String title = titler.title("When is the bulky waste pickup in my street?");

        // then
        assertThat(title).isEqualTo("Bulky waste pickup street");
    }
}
