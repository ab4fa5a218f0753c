package org.knowledgebot.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.testing.FixedRetriever;
import org.knowledgebot.core.testing.ScriptedChatModel;

class FirstTokenWarmUpTest {
    @Test
    void asksAboutEachTitleOnceWithTheRetrievedPassagesAndStopsEveryAnswerAtItsFirstToken() {
        FixedRetriever retriever = FixedRetriever.returning(
                FixedRetriever.passage(1, "Carts go out by 7:00 a.m. on collection day.", Confidence.HIGH));
        ScriptedChatModel model = ScriptedChatModel.answering("Carts", " go", " out", " by", " 7:00 a.m.");

        int asked = new FirstTokenWarmUp(retriever, model).run(List.of("Collection days", "Collection days", " ", "Fees"));

        assertEquals(2, asked);
        assertEquals(List.of("What about Collection days?", "What about Fees?"), retriever.questions());
        assertEquals(2, model.deltasDelivered(), "one token per answer, then cancelled");
        assertTrue(model.requests().get(0).system().contains("Carts go out by 7:00 a.m. on collection day."));
    }

    @Test
    void asksNoMoreThanItsCapHoweverManyDocumentsTheKnowledgeHas() {
        FixedRetriever retriever = FixedRetriever.returning();
        ScriptedChatModel model = ScriptedChatModel.answering("Nothing");
        List<String> titles = IntStream.range(0, 500).mapToObj(i -> "Document " + i).toList();

        int asked = new FirstTokenWarmUp(retriever, model).run(titles);

        assertEquals(FirstTokenWarmUp.MAX_QUESTIONS, asked);
        assertEquals(FirstTokenWarmUp.MAX_QUESTIONS, model.calls());
    }

    @Test
    void asksNothingMoreOnceStopped() {
        FixedRetriever retriever = FixedRetriever.returning();
        ScriptedChatModel model = ScriptedChatModel.answering("Nothing");
        FirstTokenWarmUp warmUp = new FirstTokenWarmUp(retriever, model);

        warmUp.stop();

        assertEquals(0, warmUp.run(List.of("Collection days", "Fees")));
        assertEquals(0, model.calls());
    }
}
