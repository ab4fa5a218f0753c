package org.knowledgebot.core.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.port.PromptSource;

/**
 * The answer model's instructions: the stage's system prompt, fetched beside the session and retrieval, or the
 * client's own when the stage allows it.
 */
public final class SystemPrompts {
    private static final long WAIT_SECONDS = 30;

    private final PromptSource source;
    private final Executor executor;
    private final boolean allowClientPrompt;

    /** @param executor runs the fetch beside the answer; created once */
    public SystemPrompts(PromptSource source, Executor executor, boolean allowClientPrompt) {
        this.source = source;
        this.executor = executor;
        this.allowClientPrompt = allowClientPrompt;
    }

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
            throw new AnswerFailure(ErrorCode.INTERNAL,
                    "The assistant's instructions could not be loaded. Please try again.", e.getCause());
        } catch (TimeoutException e) {
            throw new AnswerFailure(ErrorCode.INTERNAL,
                    "The assistant's instructions could not be loaded. Please try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnswerFailure(ErrorCode.INTERNAL, "The answer was interrupted. Please try again.", e);
        }
    }
}
