package org.knowledgebot.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cold start of the connect function: a fresh JVM builds the graph and handles one event against an instant local
 * key endpoint, next to a hello-world handler started the same way. Prints medians and ratios; asserts only that
 * each run answered correctly, never timing.
 */
@Tag("bench")
class ColdStartBenchmarkTest {
    private static final int RUNS = 7;

    @Test
    void coldStartAgainstHelloWorld() throws Exception {
        RSAKey key = TestTokens.newKey("bench-key");
        String token = TestTokens.idToken(key, claims -> claims
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))));
        try (JwksServer jwks = new JwksServer(List.of(key))) {
            Map<String, String> environment = Map.of(
                    "AWS_REGION", "us-east-1",
                    "USER_POOL_CLIENT_ID", TestTokens.CLIENT_ID,
                    "JWT_ISSUER", TestTokens.ISSUER,
                    "JWKS_URL", jwks.url().toString(),
                    "BENCH_TOKEN", token);
            String classpath = classpath();
            List<Run> hello = new ArrayList<>();
            List<Run> authorizer = new ArrayList<>();
            List<Run> connect = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                hello.add(launch(classpath, "hello", environment, "200"));
                authorizer.add(launch(classpath, "authorizer", environment, TestTokens.SUBJECT));
                connect.add(launch(classpath, "connect", environment, "200"));
            }
            System.out.printf("connect-fn cold start (%d runs, medians; wall includes JVM start and exit; classpath: %s)%n",
                    RUNS, classpath.contains("connect-fn-lambda.jar") ? "shaded jar" : "test classpath");
            System.out.printf("  %-38s %s%n", "hello-world handler", describe(hello, hello));
            System.out.printf("  %-38s %s%n", "WebSocketAuthorizer", describe(authorizer, hello));
            System.out.printf("  %-38s %s%n", "ConnectHandler", describe(connect, hello));
        }
    }

    /** The deployable jar when it was built ({@code mvn package}), else the module's test classpath. */
    private static String classpath() {
        Path shaded = Path.of("target", "connect-fn-lambda.jar");
        if (Files.exists(shaded)) {
            return shaded.toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        }
        return System.getProperty("java.class.path");
    }

    /** Wall time of the whole process, and the time main() spent building the handler and handling the event. */
    private record Run(long wallMillis, long handlerMillis) {
    }

    private static Run launch(String classpath, String mode, Map<String, String> environment, String expected)
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
        assertThat(printed).as("output of %s", mode).contains("RESULT " + expected + " ");
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
