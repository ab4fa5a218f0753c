package org.knowledgebot.local.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) from inside its Maven artifact, run by ONNX Runtime in this process:
 * no model server and no download. The model normalizes its vectors. Loading it (ONNX Runtime's native library and
 * the model, about a second) starts at construction on a thread of its own, so a start-up can read the vector
 * cache, index the documents and start its server meanwhile; the first text to embed waits for it.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    private final CompletableFuture<AllMiniLmL6V2QuantizedEmbeddingModel> model;

    /** @param executor runs the model on batches of texts; the caller owns it */
    public MiniLmEmbedder(Executor executor) {
        this.model = Background.start("embedding-model-load", () -> new AllMiniLmL6V2QuantizedEmbeddingModel(executor));
    }

    /**
     * The process's one instance, loading from the first call on: the model is read-only and thread-safe, so
     * runtimes started in one JVM (tests, the evaluation) share it, with one daemon thread per core.
     */
    public static MiniLmEmbedder shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder(Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()), task -> {
                    Thread thread = new Thread(task, "embedding");
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    /** Waits until the model is loaded; throws what loading it threw. */
    public void awaitLoaded() {
        loaded();
    }

    @Override
    public String modelId() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return loaded().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(Embedding::vector).toList();
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel loaded() {
        return Background.await(model);
    }
}
