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
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.prompt.PromptAssembler;
import org.knowledgebot.local.TestEmbeddings;

class OfflineAnswerModelTest {
    private static final PromptAssembler ASSEMBLER = new PromptAssembler(5, 12_000);
    private static final String SYSTEM = ASSEMBLER.systemPrompt("Answer with the parking permit facts only.", List.of(
            passage("Residential parking permits", "An annual residential parking permit costs 45 euros. "
                    + "Permits expire on 31 March each year."),
            passage("Waste collection", "Green bins are emptied every second Tuesday.")));

    private static Passage passage(String title, String text) {
        return new Passage(title + "#1", title, "https://docs/" + title.replace(' ', '-') + ".md", text, Confidence.HIGH);
    }

    private static OfflineAnswerModel model(Duration pace) {
        return new OfflineAnswerModel(pace, TestEmbeddings.relevance(), ChatSettings.defaults().questionParts());
    }

    private static ModelRequest ask(String system, String question, int maxTokens) {
        return new ModelRequest(system, List.of(ChatMessage.user(question)), maxTokens, 0.1, null, List.of());
    }

    private static String answer(String system, String question) {
        StringBuilder answer = new StringBuilder();
        model(Duration.ZERO).stream(ask(system, question, 2048), answer::append, new Cancellation());
        return answer.toString();
    }

    @Test
    void quotesTheMatchingSentenceWithItsCitationUnderItsLabelInSmallDeltas() {
        // given
        List<String> deltas = new ArrayList<>();

        // when
        Completion completion = model(Duration.ZERO).stream(ask(SYSTEM, "How much does a parking permit cost?", 2048),
                deltas::add, new Cancellation());

        // then
        String answer = String.join("", deltas);
        assertThat(answer).startsWith(OfflineAnswerModel.LABEL)
                .contains("- An annual residential parking permit costs 45 euros. [1]")
                .doesNotContain("Green bins", "Instructions", "Answer with", "[2]");
        assertThat(deltas).hasSizeGreaterThan(5).allSatisfy(delta -> assertThat(delta.trim().split("\\s+").length).isLessThanOrEqualTo(2));
        assertThat(completion.stopReason()).isEqualTo("end_turn");
        assertThat(completion.usage().outputTokens()).isEqualTo(deltas.size());
        assertThat(completion.usage().inputTokens()).isPositive();
    }

    @Test
    void saysPlainlyThatTheDocumentsDoNotCoverAQuestionWithoutKnowledge() {
        assertThat(answer(ASSEMBLER.systemPrompt("be brief", List.of()), "How do I renew my driver's licence?"))
                .isEqualTo(OfflineAnswerModel.NOTHING_FOUND).contains("do not cover");
    }

    @Test
    void namesTheStagesContactWhenTheDocumentsHaveNoAnswer() {
        String system = new PromptAssembler(5, 12_000, "call 311 or write to info@riverton.gov").systemPrompt("", List.of());

        assertThat(answer(system, "How do I renew my driver's licence?")).isEqualTo(OfflineAnswerModel.NOTHING_FOUND
                + "\n\nWho can help: call 311 or write to info@riverton.gov.");
    }

    @Test
    void theBestPassageComesFirstAndAWorseRankedPassageOnTheSameTopicIsNotQuoted() {
        // given the property tax passage ranked first, the water bill (with its own card fee) second
        String system = ASSEMBLER.systemPrompt("", List.of(
                passage("Property Tax", "Pay online with a bank account (free) or a card (2.4% card processing fee, "
                        + "minimum $2). Bills are mailed by January 20."),
                passage("Water Bills", "Pay online at riverton.gov/water (free bank transfer, or card with a 2.4% fee). "
                        + "Bills are sent every two months.")));

        // when
        String answer = answer(system, "Is there a charge for paying my property tax by card?");

        // then
        assertThat(answer.lines().skip(2).findFirst().orElseThrow()).contains("minimum $2").endsWith("[1]");
        assertThat(answer).doesNotContain("riverton.gov/water");
    }

    @Test
    void aQuestionThatNamesASecondDocumentsSubjectQuotesThatDocumentToo() {
        // given a first document with more close statements than an answer quotes, and a second the question names
        String system = ASSEMBLER.systemPrompt("", List.of(
                passage("Property Tax", "Paying your property tax by card online has a 2.4% fee. "
                        + "Paying your property tax by card by phone has the same fee. Paying your property tax by "
                        + "card in person has no fee. Property tax paid by card is posted the next business day."),
                passage("Water Bills", "Pay online at riverton.gov/water (free bank transfer, or card with a 2.4% fee).")));

        // when
        String answer = answer(system, "Is there a charge for paying my property tax and my water bill by card?");

        // then
        assertThat(answer).contains("[1]").contains("- Pay online at riverton.gov/water (free bank transfer, or card "
                + "with a 2.4% fee). [2]");
    }

    @Test
    void neverCutsASentenceAtAClockTimeAndKeepsBoldBalanced() {
        String system = ASSEMBLER.systemPrompt("", List.of(passage("Elections",
                "## On election day\n\nPolls are open from **7:00 a.m. to 8:00 p.m.** There are 24 polling places.")));

        assertThat(answer(system, "What time do the polls close on election day?"))
                .contains("- Polls are open from **7:00 a.m. to 8:00 p.m.** [1]");
    }

    @Test
    void aFollowUpWithoutSharedWordsIsAnsweredFromTheConversation() {
        // given
        StringBuilder answer = new StringBuilder();
        ModelRequest request = new ModelRequest(SYSTEM, List.of(ChatMessage.user("Tell me about parking permits"),
                ChatMessage.assistant("They exist."), ChatMessage.user("And when do they expire?")), 2048, 0.1, null, List.of());

        // when
        model(Duration.ZERO).stream(request, answer::append, new Cancellation());

        // then
        assertThat(answer.toString()).contains("Permits expire on 31 March each year. [1]");
    }

    @Test
    void anUnrelatedQuestionFindsNothingRatherThanQuotingTheKnowledge() {
        assertThat(answer(SYSTEM, "What is the airspeed velocity of an unladen swallow?")).isEqualTo(OfflineAnswerModel.NOTHING_FOUND);
    }

    @Test
    void stopsAtMaxTokens() {
        // given
        List<String> deltas = new ArrayList<>();

        // when
        Completion completion = model(Duration.ZERO).stream(ask(SYSTEM, "parking permit cost", 3), deltas::add, new Cancellation());

        // then
        assertThat(deltas).hasSize(3);
        assertThat(completion.stopReason()).isEqualTo("max_tokens");
    }

    @Test
    void cancellationStopsASlowStreamAtOnce() throws Exception {
        // given
        OfflineAnswerModel model = model(Duration.ofSeconds(5));
        List<String> deltas = new CopyOnWriteArrayList<>();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<Completion> running = CompletableFuture.supplyAsync(
                () -> model.stream(ask(SYSTEM, "parking permit cost", 2048), deltas::add, cancellation));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
        IllegalStateException gone = new IllegalStateException("client gone");

        // when / then
        assertThatThrownBy(() -> model(Duration.ZERO).stream(ask(SYSTEM, "parking permit cost", 2048), delta -> {
            throw gone;
        }, new Cancellation())).isSameAs(gone);
    }
}
