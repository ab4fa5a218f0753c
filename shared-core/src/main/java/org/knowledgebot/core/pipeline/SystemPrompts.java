package org.knowledgebot.core.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.port.PromptSource;

/**
 * The answer model's instructions: the stage's system prompt, fetched beside the session and retrieval, or the
 * client's own when the stage allows it.
 *
 * @param executor runs the fetch beside the answer; created once
 */
public record SystemPrompts(PromptSource source, Executor executor, boolean allowClientPrompt) {
    private static final long WAIT_SECONDS = 30;

    /** Starts fetching the instructions for {@code request}; {@link #await} gets them. */
    CompletableFuture<String> fetch(ChatRequest request) {
        return allowClientPrompt && request.systemPromptOverride() != null
                ? CompletableFuture.completedFuture(request.systemPromptOverride())
                : CompletableFuture.supplyAsync(source::systemPrompt, executor);
    }

    static String await(CompletableFuture<String> instructions) {
        try {
            return instructions.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AnswerFailure(SafeError.INSTRUCTIONS_NOT_LOADED, e.getCause());
        } catch (TimeoutException e) {
            throw new AnswerFailure(SafeError.INSTRUCTIONS_NOT_LOADED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnswerFailure(SafeError.INTERRUPTED, e);
        }
    }
}
