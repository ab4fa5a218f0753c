package org.knowledgebot.core.pipeline;

import java.util.ArrayList;
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
import org.knowledgebot.core.retrieval.QuestionParts;

/**
 * Finds the passages an answer may use: the follow-up rewritten into a standalone question, retrieval, then the
 * confidence filter. A question that asks several things ({@link QuestionParts}) is retrieved whole and part by
 * part, in parallel, and the kept passages interleaved so each part's best one has a place. When retrieval fails the
 * answer goes on without knowledge after a notice, or fails, as {@link RetrievalFailureMode} says.
 *
 * @param maxParts most parts a question is retrieved as (1: the whole question only)
 * @param executor runs the work started before the session was read ({@link #startEarly}) and the parts'
 *     retrievals; created once
 */
public record KnowledgeLookup(PromptEnhancer enhancer, Retriever retriever, ConfidenceFilter filter,
                              RetrievalFailureMode failureMode, int maxParts, Executor executor) {
    /**
     * Work started from the history the client sent, before the stored one is known: the rewrite of its window,
     * or, when that window is empty, the retrieval of the question as asked (the other one is null).
     */
    record Early(List<Turn> clientWindow, CompletableFuture<Standalone> rewrite,
                 CompletableFuture<List<List<Passage>>> retrieval) {
    }

    /**
     * Starts, beside the session read, what {@link #passagesFor} would do if the stored turns said what the client
     * sent: the rewrite of the follow-up, or the retrieval of a question that needs none. The client's history
     * decides nothing else: {@link #passagesFor} uses the rewrite only when the stored turns it reads are the same.
     */
    Early startEarly(String question, List<Turn> clientHistory) {
        List<Turn> window = enhancer.window(clientHistory);
        if (window.isEmpty()) {
            return new Early(window, null, CompletableFuture.supplyAsync(() -> retrieveParts(question), executor));
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
        List<List<Passage>> retrieved;
        try {
            retrieved = early != null && early.retrieval() != null && standalone.question().equals(question)
                    ? await(early.retrieval()) : retrieveParts(standalone.question());
        } catch (RuntimeException e) {
            if (failureMode == RetrievalFailureMode.FAIL) {
                throw new AnswerFailure(SafeError.RETRIEVAL_UNAVAILABLE, e);
            }
            trace.degradedBy = e;
            sink.notice(SafeError.ANSWER_WITHOUT_KNOWLEDGE.code(), SafeError.ANSWER_WITHOUT_KNOWLEDGE.message());
            retrieved = List.of(List.of());
        }
        List<Passage> kept = retrieved.size() == 1 ? filter.keep(retrieved.get(0))
                : QuestionParts.interleave(retrieved.stream().map(filter::keep).toList());
        trace.retrieved(retrieved.stream().mapToInt(List::size).sum(), kept, standalone.rewritten());
        return kept;
    }

    /**
     * The passages of the whole question, then of each of its parts when it asks several things, as retrieved;
     * the parts on the executor while this thread retrieves the whole. The first failure is the retrieval's.
     */
    private List<List<Passage>> retrieveParts(String question) {
        List<String> parts = QuestionParts.of(question, maxParts);
        if (parts.size() < 2) {
            return List.of(retriever.retrieve(question));
        }
        List<CompletableFuture<List<Passage>>> ofParts = parts.stream()
                .map(part -> CompletableFuture.supplyAsync(() -> retriever.retrieve(part), executor)).toList();
        List<List<Passage>> retrieved = new ArrayList<>();
        retrieved.add(retriever.retrieve(question));
        for (CompletableFuture<List<Passage>> part : ofParts) {
            retrieved.add(await(part));
        }
        return retrieved;
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

    /** A retrieval's result, or its failure as the retriever threw it. */
    private static <T> T await(CompletableFuture<T> early) {
        try {
            return early.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }
}
