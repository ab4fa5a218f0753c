package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.retrieval.QuestionParts;

/** The statement choice over a similarity the test sets, so that only what the choice adds to it decides. */
class ExtractiveAnswerTest {

    /** Each text's similarity to any question, by a word it contains; 0.5 for the rest. */
    private static Relevance fixed(Map<String, Double> byWord) {
        return (question, text) -> byWord.entrySet().stream().filter(word -> text.contains(word.getKey()))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(0.5);
    }

    private static List<String> quoted(Relevance relevance, String knowledge, String question) {
        return quoted(relevance, knowledge, question, QuestionParts.MAX_PARTS);
    }

    private static List<String> quoted(Relevance relevance, String knowledge, String question, int questionParts) {
        return new ExtractiveAnswer(relevance, questionParts).choose(KnowledgePassages.of(knowledge), question, "")
                .stream().map(ExtractiveAnswer.Quote::text).toList();
    }

    @Test
    void aSentenceHoldingTheKindOfAnswerAskedForIsPreferredToOneCloserInMeaningAlone() {
        // given the reporting sentence is closer in meaning, the phone number a little further
        Relevance relevance = fixed(Map.of("Report", 0.62, "After", 0.47));
        String knowledge = "[1] Doc\nReport fallen branches through the online form. "
                + "After hours, the emergency line is (555) 240-4799.";

        // when
        List<String> quotes = quoted(relevance, knowledge, "Who do I ring about it?");

        // then
        assertThat(quotes).contains("After hours, the emergency line is (555) 240-4799.");
    }

    /** A question that asks two things, the second answered by a document the whole question is less close to. */
    private static final String TWO_THINGS =
            "What does a residential permit cost, and how soon are the streets plowed after snow?";
    private static final String PERMITS_AND_PLOWING = "[1] Doc one\nA residential permit costs $45 a year. "
            + "A residential permit runs from September 1. A residential permit is tied to a plate.\n\n"
            + "[2] Doc two\nSide roads are plowed within 24 hours.";

    /** Every permit sentence is closer to the whole question than the plowing one, which answers its part. */
    private static final Relevance PLOWING_CLOSE_TO_ITS_PART_ONLY = (question, text) -> {
        boolean aboutPlowing = text.contains("plowed");
        if (question.equals("how soon are the streets plowed after snow?")) {
            return aboutPlowing ? 0.8 : 0.1;
        }
        return aboutPlowing ? 0.3 : 0.9;
    };

    @Test
    void aQuestionThatAsksTwoThingsQuotesEachPartBeforeFillingTheCapWithOneDocument() {
        // given every permit sentence is closer to the whole question than the plowing one, which answers its part

        // when
        List<String> quotes = quoted(PLOWING_CLOSE_TO_ITS_PART_ONLY, PERMITS_AND_PLOWING, TWO_THINGS);

        // then
        assertThat(quotes).hasSize(3).contains("A residential permit costs $45 a year.",
                "Side roads are plowed within 24 hours.");
    }

    @Test
    void aLaterPartThatPointsBackToAnEarlierOneIsAnsweredAboutWhatTheEarlierPartNamed() {
        // given the hours part alone ("that branch") is a little closer to the wrong branch; only the first part names one
        String whole = "Can I drop off my ballot at the Harbor library, and what hours is that branch open?";
        Relevance relevance = (question, text) -> {
            boolean harborHours = text.contains("Harbor Branch:");
            boolean mainHours = text.contains("Main Branch:");
            if (!harborHours && !mainHours) {
                return question.contains("ballot") ? 0.9 : 0.2;
            }
            if (question.equals(whole) || !question.contains("hours")) {
                return 0.4;
            }
            if (question.contains("Harbor")) {
                return harborHours ? 0.8 : 0.6;
            }
            // "what hours is that branch open?" alone: nothing tells the branches apart
            return mainHours ? 0.62 : 0.6;
        };
        String knowledge = "[1] Voting\nReturn your ballot to any secure drop box, one of them at the Harbor library.\n\n"
                + "[2] Libraries\nMain Branch: 9:00 a.m. to 8:00 p.m. Harbor Branch: 10:00 a.m. to 6:00 p.m.";

        // when
        List<String> quotes = quoted(relevance, knowledge, whole);

        // then
        assertThat(quotes).contains("Harbor Branch: 10:00 a.m. to 6:00 p.m.")
                .doesNotContain("Main Branch: 9:00 a.m. to 8:00 p.m.");
    }

    @Test
    void aLaterPartThatSaysThatIsReadWhollyWithThePartBeforeItAsAFollowUpQuestionIs() {
        // given "what would that add to our bill?" alone is closest to the water bill's sentence; read with the cart
        // it names, the cart's fee is the answer
        String laterPart = "what would that add to our bill?";
        Relevance relevance = (question, text) -> fixed(question.equals(laterPart)
                ? Map.of("Bills are sent", 0.8, "$8", 0.5)
                : Map.of("Bills are sent", 0.3, "$8", question.contains("bill") ? 0.85 : 0.6)).similarity(question, text);
        String knowledge = "[1] Garbage carts\nA second garbage cart costs $8 per month on your utility bill. "
                + "Carts go out by 6:00 a.m. on collection day.\n\n[2] Water bills\nBills are sent every two months.";

        // when
        List<String> quotes = quoted(relevance, knowledge, "Can we get a second garbage cart, and " + laterPart);

        // then (read only partly with the cart, 0.7 × 0.8 + 0.3 × 0.3 = 0.65 would beat the fee's 0.605)
        assertThat(quotes).contains("A second garbage cart costs $8 per month on your utility bill.")
                .doesNotContain("Bills are sent every two months.");
    }

    @Test
    void withOneQuestionPartTheQuestionIsAnsweredWholeSoThePartNoPassageFavoursIsNotQuoted() {
        // given the stage reads every question whole (QUESTION_PARTS=1)

        // when
        List<String> quotes = quoted(PLOWING_CLOSE_TO_ITS_PART_ONLY, PERMITS_AND_PLOWING, TWO_THINGS, 1);

        // then no part is scored alone: the permit sentences, closest to the whole question, are quoted, not the plowing one
        assertThat(quotes).contains("A residential permit costs $45 a year.")
                .doesNotContain("Side roads are plowed within 24 hours.");
    }
}
