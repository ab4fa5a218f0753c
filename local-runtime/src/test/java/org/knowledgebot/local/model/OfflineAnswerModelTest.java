package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.prompt.PromptAssembler;

class OfflineAnswerModelTest {
    private static final String SYSTEM = """
            Knowledge: An annual residential parking permit costs 45 euros. Permits expire on 31 March each year.
            Green bins are emptied every second Tuesday.
            Instructions: Answer with the parking permit facts only.""";

    private static ModelRequest ask(String question, int maxTokens) {
        return new ModelRequest(SYSTEM, List.of(ChatMessage.user(question)), maxTokens, 0.1, null, List.of());
    }

    @Test
    void quotesTheMatchingSentencesUnderItsLabelInSmallDeltas() {
        // given
        OfflineAnswerModel model = new OfflineAnswerModel(Duration.ZERO);
        List<String> deltas = new ArrayList<>();

        // when
        Completion completion = model.stream(ask("How much does a parking permit cost?", 2048), deltas::add, new Cancellation());

        // then
        String answer = String.join("", deltas);
        assertThat(answer).startsWith(OfflineAnswerModel.LABEL)
                .contains("- An annual residential parking permit costs 45 euros.")
                .doesNotContain("Green bins", "Instructions", "Answer with");
        assertThat(deltas).hasSizeGreaterThan(5).allSatisfy(delta -> assertThat(delta.trim().split("\\s+").length).isLessThanOrEqualTo(2));
        assertThat(completion.stopReason()).isEqualTo("end_turn");
        assertThat(completion.usage().outputTokens()).isEqualTo(deltas.size());
        assertThat(completion.usage().inputTokens()).isPositive();
    }

    @Test
    void saysPlainlyWhenTheKnowledgeHasNothing() {
        // given
        OfflineAnswerModel model = new OfflineAnswerModel(Duration.ZERO);
        StringBuilder answer = new StringBuilder();
        String system = new PromptAssembler(5, 12_000).systemPrompt("be brief", List.<Passage>of());
        ModelRequest request = new ModelRequest(system, List.of(ChatMessage.user("Which documents mention the answer?")),
                100, 0.1, null, List.of());

        // when
        model.stream(request, answer::append, new Cancellation());

        // then
        assertThat(answer.toString()).isEqualTo(OfflineAnswerModel.NOTHING_FOUND);
    }

    @Test
    void aFollowUpWithoutSharedWordsIsAnsweredFromTheConversation() {
        // given
        OfflineAnswerModel model = new OfflineAnswerModel(Duration.ZERO);
        StringBuilder answer = new StringBuilder();
        ModelRequest request = new ModelRequest(SYSTEM, List.of(ChatMessage.user("Tell me about parking permits"),
                ChatMessage.assistant("They exist."), ChatMessage.user("And when do they expire?")), 2048, 0.1, null, List.of());

        // when
        model.stream(request, answer::append, new Cancellation());

        // then
        assertThat(answer.toString()).contains("Permits expire on 31 March each year.");
    }

    @Test
    void readsTablesAndListsAsStatementsAndSkipsHeadings() {
        // given
        String knowledge = "# Residential Parking Permits\n## Permit types and fees\n| Permit | Fee | Validity |\n|---|---|---|\n"
                + "| Resident vehicle permit | $45 per vehicle per year | September 1 to August 31 |\n"
                + "| Visitor day pass | $3 per day | the date written on it |\n- Apply online at the permit office.";

        // when
        List<String> statements = OfflineAnswerModel.statements(knowledge);
        String answer = OfflineAnswerModel.compose(knowledge, "How much is a resident vehicle permit?", "");

        // then
        assertThat(statements).containsExactly(
                "Resident vehicle permit: $45 per vehicle per year, September 1 to August 31",
                "Visitor day pass: $3 per day, the date written on it",
                "Apply online at the permit office.");
        assertThat(answer.lines().skip(2).findFirst()).hasValue("- Resident vehicle permit: $45 per vehicle per year, September 1 to August 31");
    }

    @Test
    void anUnrelatedQuestionInAConversationFindsNothingRatherThanRepeatingTheTopic() {
        // when
        String answer = OfflineAnswerModel.compose("Permits expire on 31 March each year.",
                "What is the airspeed velocity of an unladen swallow?", "How long is a parking permit valid?");

        // then
        assertThat(answer).isEqualTo(OfflineAnswerModel.NOTHING_FOUND);
    }

    @Test
    void stopsAtMaxTokens() {
        // given
        OfflineAnswerModel model = new OfflineAnswerModel(Duration.ZERO);
        List<String> deltas = new ArrayList<>();

        // when
        Completion completion = model.stream(ask("parking permit cost", 3), deltas::add, new Cancellation());

        // then
        assertThat(deltas).hasSize(3);
        assertThat(completion.stopReason()).isEqualTo("max_tokens");
    }

    @Test
    void cancellationStopsASlowStreamAtOnce() throws Exception {
        // given
        OfflineAnswerModel model = new OfflineAnswerModel(Duration.ofSeconds(5));
        List<String> deltas = new CopyOnWriteArrayList<>();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Completion> running = CompletableFuture.supplyAsync(
                () -> model.stream(ask("parking permit cost", 2048), deltas::add, cancellation));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (deltas.isEmpty() && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(deltas).as("the first delta comes without waiting").hasSize(1);

        // when
        cancellation.cancel();

        // then
        Completion completion = running.get(2, TimeUnit.SECONDS);
        assertThat(completion.cancelled()).isTrue();
        assertThat(deltas).hasSize(1);
    }

    @Test
    void aListenerFailureStopsTheStreamAndIsRethrownUnchanged() {
        // given
        OfflineAnswerModel model = new OfflineAnswerModel(Duration.ZERO);
        IllegalStateException gone = new IllegalStateException("client gone");

        // when / then
        assertThatThrownBy(() -> model.stream(ask("parking permit cost", 2048), delta -> {
            throw gone;
        }, new Cancellation())).isSameAs(gone);
    }
}
