package org.knowledgebot.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.core.testing.FixedRetriever.passage;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;

class QuestionPartsTest {

    @Test
    void aQuestionThatAsksTwoThingsIsReadAsItsParts() {
        assertThat(QuestionParts.of("What's the yearly fee for a dog licence, and on which days are recycling carts collected?", 3))
                .containsExactly("What's the yearly fee for a dog licence", "on which days are recycling carts collected?");
        assertThat(QuestionParts.of("How much is a bulky item pickup? And where is the main library?", 3))
                .containsExactly("How much is a bulky item pickup?", "where is the main library?");
        assertThat(QuestionParts.of("When do shelter bookings open; what are the quiet hours on weeknights?", 3))
                .containsExactly("When do shelter bookings open", "what are the quiet hours on weeknights?");
        assertThat(QuestionParts.of("How much is a parking permit and when are the streets plowed after snow?", 3))
                .containsExactly("How much is a parking permit", "when are the streets plowed after snow?");
    }

    @Test
    void nounPhrasesJoinedByAndAndPartsWithoutASubjectOfTheirOwnStayOneQuestion() {
        for (String question : List.of("Where do I take old paint and tires?",
                "Can I buy salt and pepper at the market?",
                "What is City Hall's address and when is it open?",
                "I moved here in May, and how do I register to vote?",
                "My bin was not emptied; who do I call?")) {
            assertThat(QuestionParts.of(question, 3)).as(question).containsExactly(question);
        }
    }

    @Test
    void sentencesThatTellBeforeTheQuestionAreReadAsContextOfItsFirstPart() {
        assertThat(QuestionParts.of("I'm opening a food truck. What's the yearly licence fee, and on which days are "
                + "food trucks inspected?", 3))
                .containsExactly("I'm opening a food truck. What's the yearly licence fee", "on which days are food trucks inspected?");
        assertThat(QuestionParts.of("We moved in last week! My bins are full. How much is a second cart? "
                + "And where is the main library?", 3))
                .containsExactly("We moved in last week! My bins are full. How much is a second cart?", "where is the main library?");
    }

    @Test
    void contextBeforeAQuestionThatAsksOneThingLeavesTheWholeQuestion() {
        for (String question : List.of("My dog is 3. How much is his licence?",
                "I lost my card. What does a new one cost, and how?",
                "Thanks for the help.",
                "My mum is 70 and can't drive. Who takes her to the doctor?")) {
            assertThat(QuestionParts.of(question, 3)).as(question).containsExactly(question);
        }
    }

    @Test
    void atMostTheGivenNumberOfPartsTheRestJoinedToTheLast() {
        String question = "How much is a dog licence? When is the property tax due? Where is the main library? Who plows the streets?";

        assertThat(QuestionParts.of(question, 3)).containsExactly("How much is a dog licence?",
                "When is the property tax due?", "Where is the main library? Who plows the streets?");
        assertThat(QuestionParts.of(question, 1)).containsExactly(question);
    }

    @Test
    void eachPartsBestPassageIsAmongTheFirstOnePlusPartsWithoutRepeatsAndNoMoreThanTheLongestList() {
        // given the whole question and the first part find only document 1, the second part document 2 first
        Passage a1 = passage(1, "Licences cost $20.", Confidence.HIGH);
        Passage a2 = passage(1, "Licences run a year.", Confidence.HIGH);
        Passage a3 = passage(1, "Renew online.", Confidence.HIGH);
        Passage b1 = passage(2, "Carts are collected on Mondays.", Confidence.HIGH);
        Passage b2 = passage(2, "Carts go out by 6 a.m.", Confidence.MEDIUM);

        // when
        List<Passage> merged = QuestionParts.interleave(List.of(List.of(a1, a2, a3), List.of(a1, a2), List.of(b1, b2)));

        // then
        assertThat(merged).containsExactly(a1, b1, a2);
    }
}
