package org.knowledgebot.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The cold-start benchmark harness of the function modules: launches a module's cold-start main in a fresh JVM
 * the way Lambda's Java runtime starts (C1 only), one handler per launch, and prints medians next to a
 * hello-world baseline. The main prints {@code RESULT <answer> <millis in main>} through {@link #printResult}.
 * Asserts only that every run answered as expected, never timing.
 */
public final class ColdStart {
    private final String function;
    private final Class<?> main;
    private final String classpath;
    private final Map<String, List<Run>> runsByHandler = new LinkedHashMap<>();

    /** Wall time of the whole process (JVM start to exit) and the time main() took for construction plus event. */
    public record Run(long wallMillis, long mainMillis) {
    }

    /**
     * @param function the module name; its shaded jar {@code target/<function>-lambda.jar} is benchmarked when it
     *     was built ({@code mvn package}), else the module's test classpath
     * @param main the module's cold-start main, taking the mode to run as its only argument
     */
    public ColdStart(String function, Class<?> main) {
        this.function = function;
        this.main = main;
        Path shaded = Path.of("target", function + "-lambda.jar");
        this.classpath = Files.exists(shaded)
                ? String.join(File.pathSeparator, shaded.toAbsolutePath().toString(),
                        Path.of("target", "test-classes").toAbsolutePath().toString(), harnessLocation())
                : System.getProperty("java.class.path");
    }

    /** The main reports through {@link #printResult}, so the shaded jar's JVM needs this class too. */
    private static String harnessLocation() {
        try {
            return Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Called by the cold-start main as its last step: the line {@link #launch} reads. */
    public static void printResult(Object answer, long startedNanos) {
        System.out.println("RESULT " + answer + " " + (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * Runs {@code mode} of the main in a fresh JVM with {@code environment} and records it under {@code handler}
     * (the first handler recorded is the baseline of the report).
     */
    public Run launch(String handler, String mode, Map<String, String> environment, String expectedAnswer)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("cold-start", ".txt");
        // Lambda's Java 17 runtime stops tiered compilation at C1 by default; the benchmark does the same.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath, main.getName(), mode)
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
        assertThat(printed).as("output of %s", mode).contains("RESULT " + expectedAnswer + " ");
        String[] result = printed.substring(printed.indexOf("RESULT ")).trim().split("\\s+");
        Run run = new Run(wall, Long.parseLong(result[2]));
        runsByHandler.computeIfAbsent(handler, name -> new ArrayList<>()).add(run);
        return run;
    }

    /** Prints the median of every handler's runs, with the ratio of its wall time to the baseline's. */
    public void printReport() {
        List<Run> baseline = runsByHandler.values().iterator().next();
        System.out.printf("%s cold start (%d runs, medians; wall includes JVM start and exit; classpath: %s)%n",
                function, baseline.size(), classpath.contains(function + "-lambda.jar") ? "shaded jar" : "test classpath");
        runsByHandler.forEach((handler, runs) -> {
            long wall = median(runs, Run::wallMillis);
            System.out.printf("  %-38s %5d ms wall (ratio %.2f), %5d ms in main()%n", handler, wall,
                    (double) wall / median(baseline, Run::wallMillis), median(runs, Run::mainMillis));
        });
    }

    private static long median(List<Run> runs, ToLongFunction<Run> measure) {
        return runs.stream().mapToLong(measure).sorted().skip(runs.size() / 2).findFirst().orElseThrow();
    }
}
