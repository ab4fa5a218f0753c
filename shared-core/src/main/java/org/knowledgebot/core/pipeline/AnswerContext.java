package org.knowledgebot.core.pipeline;

import java.util.List;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Everything the answer is built from, the result of {@link AnswerContextBuilder}: which model answers what
 * request, the sources shown under the answer (deduplicated once, here), and where the turn will be saved.
 */
record AnswerContext(String sessionId, String messageId, ChatModel model, ModelRequest modelRequest,
                     List<Source> sources, SessionTitle title) {
    AnswerContext {
        sources = List.copyOf(sources);
    }
}
