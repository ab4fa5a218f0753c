package org.knowledgebot.core.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;

class PromptAssemblerTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private static Turn turn(String user, String chatbot) {
        return new Turn(user, chatbot, List.of(), TurnStatus.COMPLETE, T);
    }

    /** The conversation the answer model is asked, as the pipeline builds it. */
    private static List<ChatMessage> asked(PromptAssembler assembler, List<Turn> history, String question) {
        return new ModelRequest("", assembler.messages(history, question), 10, 0.0, null, null).messages();
    }

    @Test
    void historyThatStartsWithAnAssistantTurnStillStartsWithTheUser() {
        // given a stored greeting with no user text
        List<Turn> history = List.of(turn("", "Welcome! Ask me anything."), turn("Returns?", "30 days."));

        // when
        List<ChatMessage> messages = asked(new PromptAssembler(5, 12_000), history, "And refunds?");

        // then
        assertThat(messages).containsExactly(ChatMessage.user("Returns?"), ChatMessage.assistant("30 days."),
                ChatMessage.user("And refunds?"));
    }

    @Test
    void twoUserTurnsInARowAreMergedSoRolesAlternate() {
        // given a turn whose answer was never stored, then the question
        List<Turn> history = List.of(turn("Returns?", ""), turn("Hello?", "Hi, 30 days."));

        // when
        List<ChatMessage> messages = asked(new PromptAssembler(5, 12_000), history, "Refunds?");

        // then
        assertThat(messages).containsExactly(ChatMessage.user("Returns?\n\nHello?"),
                ChatMessage.assistant("Hi, 30 days."), ChatMessage.user("Refunds?"));
    }

    @Test
    void aTrailingUserTurnIsMergedIntoTheQuestion() {
        // when
        List<ChatMessage> messages = asked(new PromptAssembler(5, 12_000), List.of(turn("Returns?", "")), "Refunds?");

        // then
        assertThat(messages).containsExactly(ChatMessage.user("Returns?\n\nRefunds?"));
    }

    @Test
    void theWindowKeepsTheLastTurnsWithinTheCharacterBudget() {
        // given six turns of 20 characters each
        List<Turn> history = List.of(turn("q1-------", "a1---------"), turn("q2-------", "a2---------"),
                turn("q3-------", "a3---------"), turn("q4-------", "a4---------"), turn("q5-------", "a5---------"),
                turn("q6-------", "a6---------"));

        // when
        List<Turn> byTurns = new PromptAssembler(5, 12_000).window(history);
        List<Turn> byBudget = new PromptAssembler(5, 45).window(history);

        // then
        assertThat(byTurns).extracting(Turn::user).containsExactly("q2-------", "q3-------", "q4-------",
                "q5-------", "q6-------");
        assertThat(byBudget).extracting(Turn::user).containsExactly("q5-------", "q6-------");
    }

    @Test
    void aSingleTurnOverTheBudgetIsLeftOut() {
        // when
        List<ChatMessage> messages = asked(new PromptAssembler(5, 10), List.of(turn("long question", "long answer")),
                "Next?");

        // then
        assertThat(messages).containsExactly(ChatMessage.user("Next?"));
    }

    @Test
    void withoutKnowledgeTheSystemPromptSaysSoBeforeTheInstructions() {
        // when
        String system = new PromptAssembler(5, 12_000).systemPrompt("Be brief.", List.<Passage>of());

        // then
        assertThat(system).isEqualTo("Knowledge: " + PromptAssembler.NO_KNOWLEDGE + "\nInstructions: Be brief.");
    }

    @Test
    void aPageInSpanishAddsTheInstructionToAnswerInTheLanguageOfTheQuestion() {
        // when
        String system = new PromptAssembler(5, 12_000).systemPrompt("Be brief.", List.<Passage>of(), "es-MX");

        // then
        assertThat(system).isEqualTo("Knowledge: " + PromptAssembler.NO_KNOWLEDGE + "\nInstructions: Be brief."
                + "\nLanguage: Answer in the language of the question. The user's page is in Spanish (es-MX).");
        assertThat(PromptAssembler.userLocale(system)).contains("es-MX");
        assertThat(PromptAssembler.userLocale("Knowledge: x\nInstructions: Be brief.")).isEmpty();
    }

    @Test
    void documentsAreNumberedWithTheirTitlesInRetrievalOrderAndTheModelIsAskedToCiteThem() {
        // given
        List<Passage> knowledge = List.of(
                new Passage("tax.md#1", "Property Tax", "https://docs/tax.md", "The first half is due on February 15.\n", Confidence.HIGH),
                new Passage("water.md#2", "", "https://docs/water.md", "Card payments cost 2.4%.", Confidence.MEDIUM),
                new Passage("tax.md#3", "Property Tax", "https://docs/tax.md", "Appeals by December 15.", Confidence.MEDIUM));

        // when
        String system = new PromptAssembler(5, 12_000).systemPrompt("Be brief.", knowledge);

        // then
        assertThat(system).isEqualTo("Knowledge:\n[1] Property Tax\nThe first half is due on February 15.\n"
                + "Appeals by December 15.\n\n[2]\nCard payments cost 2.4%.\nInstructions: "
                + PromptAssembler.CITATION_RULE + "\nBe brief.");
    }

    @Test
    void withoutKnowledgeTheStagesContactFollowsTheNoKnowledgeText() {
        // when
        String system = new PromptAssembler(5, 12_000, "call 311 or write to info@riverton.gov")
                .systemPrompt("Be brief.", List.<Passage>of());

        // then
        assertThat(system).isEqualTo("Knowledge: " + PromptAssembler.NO_KNOWLEDGE + PromptAssembler.CONTACT_LEAD
                + "call 311 or write to info@riverton.gov\nInstructions: Be brief.");
    }
}
