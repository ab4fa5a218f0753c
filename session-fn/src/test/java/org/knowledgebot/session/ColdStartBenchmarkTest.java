package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cold start of the session function: a fresh JVM builds the graph and the DynamoDB client and handles one event
 * against the in-memory DynamoDB on 127.0.0.1, next to a hello-world handler started the same way. Prints medians
 * and ratios; asserts only that each run answered 200, never timing.
 */
@Tag("bench")
class ColdStartBenchmarkTest {
    private static final int RUNS = 7;

    @Test
    void coldStartAgainstHelloWorld() throws Exception {
        try (InMemoryDynamoDb dynamo = new InMemoryDynamoDb()) {
            Path missing = Path.of("target", "no-aws-config");
            Map<String, String> environment = Map.of(
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "AKIDBENCHONLY",
                    "AWS_SECRET_ACCESS_KEY", "bench-secret",
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
                    "AWS_CONFIG_FILE", missing.toAbsolutePath().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", missing.toAbsolutePath().toString(),
                    "AWS_EC2_METADATA_DISABLED", "true",
                    "SESSIONS_TABLE_NAME", InMemoryDynamoDb.TABLE);
            String classpath = classpath();
            List<Run> hello = new ArrayList<>();
            List<Run> http = new ArrayList<>();
            List<Run> invoke = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                hello.add(launch(classpath, "hello", environment));
                http.add(launch(classpath, "http", environment));
                invoke.add(launch(classpath, "invoke", environment));
            }
            System.out.printf("session-fn cold start (%d runs, medians; wall includes JVM start and exit; classpath: %s)%n",
                    RUNS, classpath.contains("session-fn-lambda.jar") ? "shaded jar" : "test classpath");
            System.out.printf("  %-38s %s%n", "hello-world handler", describe(hello, hello));
            System.out.printf("  %-38s %s%n", "SessionHttpHandler (update_session)", describe(http, hello));
            System.out.printf("  %-38s %s%n", "SessionInvokeHandler (get_session)", describe(invoke, hello));
            assertThat(dynamo.sortKeys("4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59")).hasSize(1 + RUNS);
        }
    }

    /** The deployable jar when it was built ({@code mvn package}), else the module's test classpath. */
    private static String classpath() {
        Path shaded = Path.of("target", "session-fn-lambda.jar");
        if (Files.exists(shaded)) {
            return shaded.toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        }
        return System.getProperty("java.class.path");
    }

    /** Wall time of the whole process, and the time main() spent building the handler and handling the event. */
    private record Run(long wallMillis, long handlerMillis) {
    }

    private static Run launch(String classpath, String mode, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("cold-start", ".txt");
        // Lambda's Java 17 runtime stops tiered compilation at C1 by default; the benchmark does the same.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ColdStartMain.class.getName(), mode)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertThat(printed).as("output of %s", mode).contains("RESULT 200 ");
        String[] result = printed.substring(printed.indexOf("RESULT ")).trim().split("\\s+");
        return new Run(elapsed, Long.parseLong(result[2]));
    }

    private static long median(List<Run> runs, ToLongFunction<Run> measure) {
        List<Long> sorted = new ArrayList<>(runs.stream().map(measure::applyAsLong).toList());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String describe(List<Run> runs, List<Run> baseline) {
        long wall = median(runs, Run::wallMillis);
        return String.format("%5d ms wall (ratio %.2f), %4d ms in main()", wall,
                (double) wall / median(baseline, Run::wallMillis), median(runs, Run::handlerMillis));
    }
}
