package org.knowledgebot.core.pipeline;

import java.util.List;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.retrieval.Citations;

/**
 * Everything the answer is built from, the result of {@link AnswerContextBuilder}: which model answers what
 * request, the numbered sources the prompt's passages come from (one per document, built once, here), how many
 * may be shown, and where the turn will be saved.
 */
record AnswerContext(String sessionId, String messageId, ChatModel model, ModelRequest modelRequest,
                     List<Source> sources, int maxSources, SessionTitle title) {
    AnswerContext {
        sources = List.copyOf(sources);
    }

    /** The sources shown under {@code answer} and saved with it: those it cites, in citation order. */
    List<Source> shown(String answer) {
        return Citations.shown(sources, answer, maxSources);
    }
}
