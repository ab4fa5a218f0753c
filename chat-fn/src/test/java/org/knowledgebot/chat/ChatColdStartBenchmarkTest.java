package org.knowledgebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsBackend;

/**
 * Cold start of chat-fn: a fresh JVM builds the function's graph from its environment and answers one realistic
 * sendMessage event end to end (S3 prompt, session function, retrieval, Bedrock stream, frames to @connections)
 * against instant local stubs reached through AWS_ENDPOINT_URL, next to a hello-world handler launched the same
 * way. Prints medians and ratios; asserts only that every run answered, never timing.
 */
@Tag("bench")
class ChatColdStartBenchmarkTest {
    private static final int RUNS = 5;
    private static final String CONNECTION = "L0SM9cOFvHcCIhw=";

    @Test
    void coldStartOfOneAnswerAgainstHelloWorld() throws Exception {
        try (StubAwsBackend aws = new StubAwsBackend()) {
            Map<String, String> kendra = new HashMap<>(aws.lambdaEnvironment());
            kendra.put("AWS_EC2_METADATA_DISABLED", "true");
            Map<String, String> knowledgeBase = new HashMap<>(kendra);
            knowledgeBase.put("RETRIEVER", "knowledgeBase");
            knowledgeBase.put("KNOWLEDGE_BASE_ID", "KBX7Q2M4ZP");
            String classpath = classpath();

            List<Run> hello = new ArrayList<>();
            List<Run> withKendra = new ArrayList<>();
            List<Run> withKnowledgeBase = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                hello.add(launch(classpath, "hello", kendra));
                int before = endFrames(aws);
                withKendra.add(launch(classpath, "chat", kendra));
                withKnowledgeBase.add(launch(classpath, "chat", knowledgeBase));
                assertThat(endFrames(aws)).as("both answers reached the client").isEqualTo(before + 2);
            }

            System.out.printf("chat-fn cold start: %d runs each, median, fresh JVM with -XX:TieredStopAtLevel=1, %s%n",
                    RUNS, classpath.contains("chat-fn-lambda.jar") ? "shaded jar" : "test classpath");
            System.out.printf("  hello-world handler          %s%n", describe(hello, hello));
            System.out.printf("  ChatHandler, Kendra          %s%n", describe(withKendra, hello));
            System.out.printf("  ChatHandler, knowledge base  %s%n", describe(withKnowledgeBase, hello));
        }
    }

    /** The deployable jar when it was built ({@code mvn package}), else the module's test classpath. */
    private static String classpath() {
        Path shaded = Path.of("target", "chat-fn-lambda.jar");
        if (Files.exists(shaded)) {
            return shaded.toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        }
        return System.getProperty("java.class.path");
    }

    private static int endFrames(StubAwsBackend aws) {
        return (int) aws.framesPostedTo(CONNECTION).stream().filter(frame -> frame.contains("\"type\":\"end\"")).count();
    }

    /** Wall time of the whole process (JVM start to exit) and the time main() took for construction plus event. */
    private record Run(long wallMillis, long mainMillis) {
    }

    private static Run launch(String classpath, String mode, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("chat-cold-start", ".txt");
        // Like Lambda's Java runtime: C1 only, which favours start-up.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath, ColdStartMain.class.getName(), mode)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        long wall = (System.nanoTime() - started) / 1_000_000;
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertThat(printed).as("output of %s", mode).contains("RESULT 200 ");
        String[] result = printed.substring(printed.indexOf("RESULT ")).trim().split("\\s+");
        return new Run(wall, Long.parseLong(result[2]));
    }

    private static long median(List<Run> runs, ToLongFunction<Run> measure) {
        return runs.stream().mapToLong(measure).sorted().skip(runs.size() / 2).findFirst().orElseThrow();
    }

    private static String describe(List<Run> runs, List<Run> baseline) {
        long wall = median(runs, Run::wallMillis);
        return String.format("%5d ms wall (ratio %.2f), %5d ms in main()", wall,
                (double) wall / median(baseline, Run::wallMillis), median(runs, Run::mainMillis));
    }
}
