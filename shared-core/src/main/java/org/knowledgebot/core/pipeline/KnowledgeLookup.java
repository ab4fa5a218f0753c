package org.knowledgebot.core.pipeline;

import java.util.List;
import org.knowledgebot.core.config.ChatSettings.RetrievalFailureMode;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.prompt.PromptEnhancer;
import org.knowledgebot.core.retrieval.ConfidenceFilter;

/**
 * Finds the passages an answer may use: the follow-up rewritten into a standalone question, retrieval, then the
 * confidence filter. When retrieval fails the answer goes on without knowledge after a notice, or fails, as
 * {@link RetrievalFailureMode} says.
 */
public record KnowledgeLookup(PromptEnhancer enhancer, Retriever retriever, ConfidenceFilter filter,
                              RetrievalFailureMode failureMode) {
    /** The passages kept for {@code question}, in retrieval order; a notice goes to {@code sink} on a degraded answer. */
    List<Passage> passagesFor(String question, List<Turn> history, ResponseSink sink, AnswerTrace trace) {
        PromptEnhancer.Standalone standalone = enhancer.standalone(question, history);
        if (standalone.failure() != null) {
            trace.degradedBy = standalone.failure();
        }
        List<Passage> passages;
        try {
            passages = retriever.retrieve(standalone.question());
        } catch (RuntimeException e) {
            if (failureMode == RetrievalFailureMode.FAIL) {
                throw new AnswerFailure(SafeError.RETRIEVAL_UNAVAILABLE, e);
            }
            trace.degradedBy = e;
            sink.notice(SafeError.ANSWER_WITHOUT_KNOWLEDGE.code(), SafeError.ANSWER_WITHOUT_KNOWLEDGE.message());
            passages = List.of();
        }
        List<Passage> kept = filter.keep(passages);
        trace.retrieved(passages.size(), kept, standalone.rewritten());
        return kept;
    }
}
