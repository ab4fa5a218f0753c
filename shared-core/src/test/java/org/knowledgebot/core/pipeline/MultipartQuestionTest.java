package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.core.testing.FixedRetriever.passage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.testing.PipelineBuilder;
import org.knowledgebot.core.testing.RecordingClientChannel;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.wire.TypedResponseSink;

class MultipartQuestionTest {
    private static final String QUESTION = "How much is a parking permit, and when are the streets plowed after snow?";
    private static final List<Passage> PERMITS = List.of(passage(1, "A permit costs $45.", Confidence.HIGH),
            passage(1, "Permits run from September 1.", Confidence.HIGH),
            passage(1, "Permits are virtual.", Confidence.HIGH),
            passage(1, "Visitor passes cost $3.", Confidence.HIGH));
    private static final Passage PLOWING = passage(2, "Residential streets are plowed within 24 hours.", Confidence.HIGH);

    /** Finds the permit passages for any question that names permits, the plowing passage for the rest. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Retriever retriever = question -> {
        asked.add(question);
        return question.contains("permit") ? PERMITS : List.of(PLOWING, PERMITS.get(3));
    };

    private String knowledgeAsked(ChatSettings settings, String question) {
        ScriptedChatModel answers = ScriptedChatModel.answering("An answer.");
        ChatPipeline pipeline = new PipelineBuilder().retriever(retriever).answerModel(answers).settings(settings).build();
        pipeline.answer(new ChatRequest(Identity.of("alice"), "r1", null, question, null, null),
                new TypedResponseSink(new RecordingClientChannel(), "c1", "r1"));
        return answers.requests().get(0).system();
    }

    @Test
    void eachPartIsRetrievedAndItsBestPassageKeepsAPlaceAmongTheFirstSources() {
        // when
        String system = knowledgeAsked(ChatSettings.defaults(), QUESTION);

        // then the whole question and each part were retrieved, and the plowing document is source [2]
        assertThat(asked).containsExactlyInAnyOrder(QUESTION, "How much is a parking permit",
                "when are the streets plowed after snow?");
        assertThat(system).contains("[2] Doc 2\nResidential streets are plowed within 24 hours.");
    }

    @Test
    void aQuestionThatAsksOneThingOrAStageThatAllowsOnePartIsRetrievedOnce() {
        // when
        String oneThing = knowledgeAsked(ChatSettings.defaults(), "Where do I buy a parking permit and visitor passes?");
        ChatSettings onePart = ChatSettings.from(new Environment(Map.of("QUESTION_PARTS", "1")));
        String onlyWhole = knowledgeAsked(onePart, QUESTION);

        // then
        assertThat(asked).containsExactly("Where do I buy a parking permit and visitor passes?", QUESTION);
        assertThat(oneThing).doesNotContain("plowed");
        assertThat(onlyWhole).doesNotContain("plowed");
    }
}
