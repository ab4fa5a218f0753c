package org.knowledgebot.core.pipeline;

import java.util.List;
import org.knowledgebot.core.config.ChatSettings.RetrievalFailureMode;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.prompt.PromptEnhancer;
import org.knowledgebot.core.retrieval.ConfidenceFilter;

/**
 * Finds the passages an answer may use: the follow-up rewritten into a standalone question, retrieval, then the
 * confidence filter. When retrieval fails the answer goes on without knowledge after a notice, or fails, as
 * {@link RetrievalFailureMode} says.
 */
public final class KnowledgeLookup {
    private final PromptEnhancer enhancer;
    private final Retriever retriever;
    private final ConfidenceFilter filter;
    private final RetrievalFailureMode failureMode;

    public KnowledgeLookup(PromptEnhancer enhancer, Retriever retriever, ConfidenceFilter filter,
                           RetrievalFailureMode failureMode) {
        this.enhancer = enhancer;
        this.retriever = retriever;
        this.filter = filter;
        this.failureMode = failureMode;
    }

    /** The passages kept for {@code question}, in retrieval order; a notice goes to {@code sink} on a degraded answer. */
    List<Passage> passagesFor(String question, List<Turn> history, ResponseSink sink, AnswerTrace trace) {
        PromptEnhancer.Standalone standalone = enhancer.standalone(question, history);
        List<Passage> passages;
        try {
            passages = retriever.retrieve(standalone.question());
        } catch (RuntimeException e) {
            if (failureMode == RetrievalFailureMode.FAIL) {
                throw new AnswerFailure(ErrorCode.RETRIEVAL_UNAVAILABLE,
                        "The knowledge base is unavailable right now. Please try again later.", e);
            }
            sink.notice(ErrorCode.RETRIEVAL_UNAVAILABLE,
                    "The knowledge base is unavailable right now; this answer does not use it.");
            passages = List.of();
        }
        List<Passage> kept = filter.keep(passages);
        trace.retrieved(passages.size(), kept, standalone.rewritten());
        return kept;
    }
}
