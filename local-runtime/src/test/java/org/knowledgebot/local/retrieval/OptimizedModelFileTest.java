package org.knowledgebot.local.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizedModelFileTest {
    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    private static List<Path> savedModels(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void theFirstStartSavesTheOptimizedGraphAndTheNextLoadsTheSameModelFromIt(@TempDir Path data) throws Exception {
        // given a first start, which optimizes the model from the jar
        OptimizedModelFile file = new OptimizedModelFile(MODEL, data.resolve("models"));
        List<String> firstInputs;
        try (OrtSession first = file.session(ORT)) {
            firstInputs = List.copyOf(first.getInputNames());
        }
        List<Path> saved = savedModels(data.resolve("models"));
        long savedAt = Files.getLastModifiedTime(saved.get(0)).toMillis();

        // when the next start asks for it
        try (OrtSession next = file.session(ORT)) {

            // then it is the saved file, unchanged, with the model's inputs, and no temporary file is left behind
            assertThat(saved).singleElement().satisfies(path -> assertThat(path.getFileName().toString())
                    .startsWith("all-minilm-l6-v2-q-ort" + ORT.getVersion() + "-").endsWith(".onnx"));
            assertThat(next.getInputNames()).containsExactlyInAnyOrderElementsOf(firstInputs).contains("input_ids");
            assertThat(savedModels(data.resolve("models"))).isEqualTo(saved);
            assertThat(Files.getLastModifiedTime(saved.get(0)).toMillis()).isEqualTo(savedAt);
        }
    }

    @Test
    void aDamagedSavedModelIsOptimizedAgainInsteadOfFailingTheStart(@TempDir Path data) throws Exception {
        // given a saved model that a crash or a full disk cut short
        OptimizedModelFile file = new OptimizedModelFile(MODEL, data.resolve("models"));
        file.session(ORT).close();
        Path saved = savedModels(data.resolve("models")).get(0);
        Files.write(saved, new byte[] {1, 2, 3});

        // when
        try (OrtSession session = file.session(ORT)) {

            // then the model still loads, and the saved file is whole again
            assertThat(session.getInputNames()).contains("input_ids");
            assertThat(Files.size(saved)).isGreaterThan(1_000_000);
        }
    }
}
