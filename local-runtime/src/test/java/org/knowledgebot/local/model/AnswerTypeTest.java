package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.local.model.AnswerType.AMOUNT;
import static org.knowledgebot.local.model.AnswerType.CONDITION;
import static org.knowledgebot.local.model.AnswerType.CONTACT;
import static org.knowledgebot.local.model.AnswerType.COUNT;
import static org.knowledgebot.local.model.AnswerType.PLACE;
import static org.knowledgebot.local.model.AnswerType.WHEN;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerTypeTest {
    private static final Set<AnswerType> ALL = EnumSet.allOf(AnswerType.class);

    @Test
    void aQuestionsWordingSaysWhatKindOfAnswerItAsksFor() {
        assertThat(AnswerType.askedBy("How long before someone fills it?")).containsExactly(WHEN);
        assertThat(AnswerType.askedBy("What's the cutoff for a fall planting request?")).containsExactly(WHEN);
        assertThat(AnswerType.askedBy("Who do I ring about a fallen branch?")).containsExactly(CONTACT);
        assertThat(AnswerType.askedBy("How much is the yearly fee?")).containsExactly(AMOUNT);
        assertThat(AnswerType.askedBy("Where do I drop off old paint?")).containsExactly(PLACE);
        assertThat(AnswerType.askedBy("How many bags can I take?")).containsExactly(COUNT);
        assertThat(AnswerType.askedBy("Can I have a fire pit in my yard?")).containsExactly(CONDITION);
        assertThat(AnswerType.askedBy("¿Cuánto cuesta la licencia y dónde la compro?")).containsExactly(AMOUNT, PLACE);
        assertThat(AnswerType.askedBy("Tell me about the library")).isEmpty();
    }

    @Test
    void aSentenceHoldsAnAnswerOfAKindWhenItHasItsPattern() {
        assertThat(AnswerType.answeredBy(ALL, "Requests are answered within **3 business days**.")).contains(WHEN);
        assertThat(AnswerType.answeredBy(ALL, "Requests for fall planting must be received by September 15.")).contains(WHEN);
        assertThat(AnswerType.answeredBy(ALL, "Polls are open from 7:00 a.m. to 8:00 p.m.")).contains(WHEN);
        assertThat(AnswerType.answeredBy(ALL, "A card costs a 2.4% fee, minimum $2.")).contains(AMOUNT);
        assertThat(AnswerType.answeredBy(ALL, "Call the line at (555) 240-4799 after hours.")).contains(CONTACT);
        assertThat(AnswerType.answeredBy(ALL, "Text RIVERTON to 555-0199.")).contains(CONTACT);
        assertThat(AnswerType.answeredBy(ALL, "Write to access@riverton.gov.")).contains(CONTACT);
        assertThat(AnswerType.answeredBy(ALL, "The depot is at 18 Foundry Lane.")).contains(PLACE);
        assertThat(AnswerType.answeredBy(ALL, "Apply at City Hall, Room 110.")).contains(PLACE);
        for (String sentence : List.of("Report it through the online form.", "Trees are cared for by Urban Forestry.")) {
            assertThat(AnswerType.answeredBy(EnumSet.of(WHEN, AMOUNT, CONTACT, PLACE, COUNT), sentence)).as(sentence).isEmpty();
        }
    }
}
