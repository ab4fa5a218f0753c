package org.knowledgebot.local.retrieval;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Start-up work run on a daemon thread of its own, so the rest of the start-up goes on meanwhile. */
public final class Background {
    private Background() {
    }

    public static <T> CompletableFuture<T> start(String threadName, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The work's result once it is done; throws what the work threw, as it threw it. */
    public static <T> T await(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
