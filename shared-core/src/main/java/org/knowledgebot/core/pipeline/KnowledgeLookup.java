package org.knowledgebot.core.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 *
 * @param executor runs a retrieval started before the session was read ({@link #retrieveEarly}); created once
 */
public record KnowledgeLookup(PromptEnhancer enhancer, Retriever retriever, ConfidenceFilter filter,
                              RetrievalFailureMode failureMode, Executor executor) {
    /**
     * Starts retrieving {@code question} as asked, beside the session read of a conversation the client says is
     * new; {@link #passagesFor} uses it when the question needs no rewrite, and otherwise retrieves the rewrite.
     */
    CompletableFuture<List<Passage>> retrieveEarly(String question) {
        return CompletableFuture.supplyAsync(() -> retriever.retrieve(question), executor);
    }

    /**
     * The passages kept for {@code question}, in retrieval order; a notice goes to {@code sink} on a degraded answer.
     *
     * @param early the retrieval of {@code question} as asked, if {@link #retrieveEarly} started one; else null
     */
    List<Passage> passagesFor(String question, List<Turn> history, ResponseSink sink, AnswerTrace trace,
                              CompletableFuture<List<Passage>> early) {
        PromptEnhancer.Standalone standalone = enhancer.standalone(question, history);
        if (standalone.failure() != null) {
            trace.degradedBy = standalone.failure();
        }
        List<Passage> passages;
        try {
            passages = early != null && standalone.question().equals(question) ? await(early)
                    : retriever.retrieve(standalone.question());
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

    /** The early retrieval's passages, or its failure as the retriever threw it. */
    private static List<Passage> await(CompletableFuture<List<Passage>> early) {
        try {
            return early.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }
}
