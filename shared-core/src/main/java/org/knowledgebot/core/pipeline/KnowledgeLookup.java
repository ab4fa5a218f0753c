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
import org.knowledgebot.core.prompt.PromptEnhancer.Standalone;
import org.knowledgebot.core.retrieval.ConfidenceFilter;

/**
 * Finds the passages an answer may use: the follow-up rewritten into a standalone question, retrieval, then the
 * confidence filter. When retrieval fails the answer goes on without knowledge after a notice, or fails, as
 * {@link RetrievalFailureMode} says.
 *
 * @param executor runs the work started before the session was read ({@link #startEarly}); created once
 */
public record KnowledgeLookup(PromptEnhancer enhancer, Retriever retriever, ConfidenceFilter filter,
                              RetrievalFailureMode failureMode, Executor executor) {
    /**
     * Work started from the history the client sent, before the stored one is known: the rewrite of its window,
     * or, when that window is empty, the retrieval of the question as asked (the other one is null).
     */
    record Early(List<Turn> clientWindow, CompletableFuture<Standalone> rewrite,
                 CompletableFuture<List<Passage>> retrieval) {
    }

    /**
     * Starts, beside the session read, what {@link #passagesFor} would do if the stored turns said what the client
     * sent: the rewrite of the follow-up, or the retrieval of a question that needs none. The client's history
     * decides nothing else: {@link #passagesFor} uses the rewrite only when the stored turns it reads are the same.
     */
    Early startEarly(String question, List<Turn> clientHistory) {
        List<Turn> window = enhancer.window(clientHistory);
        if (window.isEmpty()) {
            return new Early(window, null, CompletableFuture.supplyAsync(() -> retriever.retrieve(question), executor));
        }
        return new Early(window, CompletableFuture.supplyAsync(() -> enhancer.standalone(question, window), executor),
                null);
    }

    /**
     * The passages kept for {@code question}, in retrieval order; a notice goes to {@code sink} on a degraded answer.
     *
     * @param history the stored turns: the only history the rewrite is taken from
     * @param early what {@link #startEarly} started, if anything; else null
     */
    List<Passage> passagesFor(String question, List<Turn> history, ResponseSink sink, AnswerTrace trace, Early early) {
        Standalone standalone = early != null && early.rewrite() != null && sameText(early.clientWindow(), enhancer.window(history))
                ? early.rewrite().join() : enhancer.standalone(question, history);
        if (standalone.failure() != null) {
            trace.degradedBy = standalone.failure();
        }
        List<Passage> passages;
        try {
            passages = early != null && early.retrieval() != null && standalone.question().equals(question)
                    ? await(early.retrieval()) : retriever.retrieve(standalone.question());
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

    /** Whether two windows ask the rewrite the same: the same questions and answers in the same order. */
    private static boolean sameText(List<Turn> a, List<Turn> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).user().equals(b.get(i).user()) || !a.get(i).chatbot().equals(b.get(i).chatbot())) {
                return false;
            }
        }
        return true;
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
