package org.knowledgebot.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.testing.ScriptedChatModel;

class PromptEnhancerTest {
    private static final List<Turn> HISTORY = List.of(
            new Turn("Returns?", "30 days.", List.of(), TurnStatus.COMPLETE, Instant.EPOCH));

    @Test
    void withoutHistoryTheModelIsNotAsked() {
        // given
        ScriptedChatModel model = ScriptedChatModel.answering("should not be used");

        // when
        PromptEnhancer.Standalone result = new PromptEnhancer(model, 3).standalone("What is X?", List.of());

        // then
        assertThat(result).isEqualTo(new PromptEnhancer.Standalone("What is X?", false));
        assertThat(model.calls()).isZero();
    }

    @Test
    void surroundingQuotesLabelsAndExtraLinesAreStripped() {
        // given
        ScriptedChatModel model = ScriptedChatModel.answering(" Standalone question: \"How long do refunds take",
                "\"\nThis rewrite keeps the meaning.");

        // when
        PromptEnhancer.Standalone result = new PromptEnhancer(model, 3).standalone("and refunds?", HISTORY);

        // then
        assertThat(result).isEqualTo(new PromptEnhancer.Standalone("How long do refunds take", true));
    }

    @Test
    void garbageFallsBackToTheRawQuestion() {
        // given
        ScriptedChatModel prompty = ScriptedChatModel.answering("[INST] and refunds? [/INST]");
        ScriptedChatModel punctuation = ScriptedChatModel.answering("?!...");
        ScriptedChatModel rambling = ScriptedChatModel.answering("x".repeat(1_001));

        // when / then
        assertThat(new PromptEnhancer(prompty, 3).standalone("and refunds?", HISTORY).question()).isEqualTo("and refunds?");
        assertThat(new PromptEnhancer(punctuation, 3).standalone("and refunds?", HISTORY).question()).isEqualTo("and refunds?");
        assertThat(new PromptEnhancer(rambling, 3).standalone("and refunds?", HISTORY).rewritten()).isFalse();
    }

    @Test
    void onlyTheLastConfiguredTurnsAreSentToTheRewriteModel() {
        // given
        ScriptedChatModel model = ScriptedChatModel.answering("Q?");
        List<Turn> history = List.of(
                new Turn("q1", "a1", List.of(), TurnStatus.COMPLETE, Instant.EPOCH),
                new Turn("q2", "a2", List.of(), TurnStatus.COMPLETE, Instant.EPOCH),
                new Turn("q3", "a3", List.of(), TurnStatus.COMPLETE, Instant.EPOCH),
                new Turn("q4", "a4", List.of(), TurnStatus.COMPLETE, Instant.EPOCH));

        // when
        new PromptEnhancer(model, 3).standalone("next", history);

        // then
        assertThat(model.requests().get(0).messages()).hasSize(7);
        assertThat(model.requests().get(0).messages().get(0).text()).isEqualTo("q2");
    }
}
