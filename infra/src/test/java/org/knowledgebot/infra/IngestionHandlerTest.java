package org.knowledgebot.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.infra.Templates.properties;
import static org.knowledgebot.infra.Templates.resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the ingestion trigger's inline Python exactly as synthesized, with a recording stand-in for boto3, to show
 * that one batch of document changes starts one job on the configured knowledge base or Kendra data source.
 */
class IngestionHandlerTest {

    private static final String TWO_CHANGES = "{\"Records\":[{\"body\":\"s3:ObjectCreated:Put\"},{\"body\":\"s3:ObjectRemoved:Delete\"}]}";

    private static String handlerSource;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readSynthesizedHandler() {
        TestStages.Synthesized dev = TestStages.devKnowledgeBase();
        Map<String, Object> function = properties(resource(dev.template(dev.deployment().knowledge().orElseThrow()),
                "AWS::Lambda::Function", "IngestionFunction"));
        handlerSource = (String) ((Map<String, Object>) function.get("Code")).get("ZipFile");
    }

    /** What one batch of changes must start, for each service the trigger can target. */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("knowledge base ingestion job",
                        Map.of("TARGET_SERVICE", "bedrock", "KNOWLEDGE_BASE_ID", "KB123", "DATA_SOURCE_ID", "DS456"),
                        "{\"service\": \"bedrock-agent\", \"call\": \"start_ingestion_job\", "
                                + "\"arguments\": {\"knowledgeBaseId\": \"KB123\", \"dataSourceId\": \"DS456\"}}\n",
                        "job-1"),
                Arguments.of("Kendra data source sync job",
                        Map.of("TARGET_SERVICE", "kendra", "INDEX_ID", "IDX", "DATA_SOURCE_ID", "DS"),
                        "{\"service\": \"kendra\", \"call\": \"start_data_source_sync_job\", "
                                + "\"arguments\": {\"Id\": \"DS\", \"IndexId\": \"IDX\"}}\n",
                        "execution-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aBatchOfChangesStartsOneJobOfTheConfiguredService(String job, Map<String, String> environment, String expectedCall,
                                                           String jobId, @TempDir Path dir) throws Exception {
        // when
        Run run = runHandler(dir, environment, TWO_CHANGES);

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.calls()).isEqualTo(expectedCall);
        assertThat(run.log()).isEqualTo("{\"outcome\": \"started\", \"jobId\": \"" + jobId + "\", \"changes\": 2}\n");
    }

    private record Run(int exitCode, String log, String calls) {
    }

    private static Run runHandler(Path dir, Map<String, String> environment, String event) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("index.py"), handlerSource);
        Path fakeBoto = Path.of("src/test/resources/fake-boto3").toAbsolutePath();
        ProcessBuilder python = new ProcessBuilder("python3", "-c",
                "import json, sys, index; index.handler(json.loads(sys.argv[1]), None)", event)
                .directory(dir.toFile());
        python.environment().putAll(environment);
        python.environment().put("PYTHONPATH", dir + java.io.File.pathSeparator + fakeBoto);
        Process process = python.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 did not finish");
        }
        return new Run(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
