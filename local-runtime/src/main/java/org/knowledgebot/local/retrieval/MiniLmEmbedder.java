package org.knowledgebot.local.retrieval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) from inside its Maven artifact, run by ONNX Runtime in this process:
 * no model server and no download. The model normalizes its vectors. Loading it (ONNX Runtime's native library, the
 * model's graph from the {@link OptimizedModelFile} and its tokenizer) starts at construction on a thread of its
 * own, so a start-up can read the vector cache, index the documents and start its server meanwhile; the first text
 * to embed waits for it.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSION = 384;
    private static MiniLmEmbedder shared;

    private final CompletableFuture<AbstractInProcessEmbeddingModel> model;

    /**
     * @param executor runs the model on batches of texts; the caller owns it
     * @param dataDir where the optimized model is kept between starts; null to keep nothing
     */
    public MiniLmEmbedder(Executor executor, Path dataDir) {
        OptimizedModelFile graph = new OptimizedModelFile(MODEL, dataDir == null ? null : dataDir.resolve("models"));
        this.model = Background.start("embedding-model-load", () -> batching(executor, load(graph)));
    }

    /**
     * The process's one instance, loading from the first call on, which also decides the data folder that keeps its
     * optimized model: the model is read-only and thread-safe, so runtimes started in one JVM (tests, the
     * evaluation) share it, with one daemon thread per core.
     */
    public static synchronized MiniLmEmbedder shared(Path dataDir) {
        if (shared == null) {
            shared = new MiniLmEmbedder(Executors.newFixedThreadPool(
                    Math.max(1, Runtime.getRuntime().availableProcessors()), task -> {
                        Thread thread = new Thread(task, "embedding");
                        thread.setDaemon(true);
                        return thread;
                    }), dataDir);
        }
        return shared;
    }

    private static OnnxBertBiEncoder load(OptimizedModelFile graph) {
        try (InputStream tokenizer = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            return new OnnxBertBiEncoder(environment, graph.session(environment), tokenizer, PoolingMode.MEAN);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the embedding model " + MODEL, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + TOKENIZER + " from the class path", e);
        }
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

    private AbstractInProcessEmbeddingModel loaded() {
        return Background.await(model);
    }

    /**
     * langchain4j's batching of an encoder over the executor, as its packaged all-MiniLM model does it; the dimension
     * is known up front, so it never embeds a probe text to learn it.
     */
    private static AbstractInProcessEmbeddingModel batching(Executor executor, OnnxBertBiEncoder encoder) {
        return new AbstractInProcessEmbeddingModel(executor) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }

            @Override
            protected Integer knownDimension() {
                return DIMENSION;
            }
        };
    }
}
