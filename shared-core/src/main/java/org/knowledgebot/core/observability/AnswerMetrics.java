package org.knowledgebot.core.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.knowledgebot.core.domain.Confidence;

/**
 * Emits one CloudWatch Embedded Metric Format line per answer (docs/ARCHITECTURE.md, "Logs and metrics"). CloudWatch Logs turns the
 * line into metrics under namespace {@value #NAMESPACE} with dimensions {@code Stage} and {@code Route}; no
 * agent, SDK call or extra dependency is needed, which keeps cold starts small.
 */
public final class AnswerMetrics {
    public static final String NAMESPACE = "KnowledgeChatbot";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stage;
    private final Consumer<String> out;
    private final Clock clock;

    public AnswerMetrics(String stage, Consumer<String> out, Clock clock) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static AnswerMetrics toStandardOutput(String stage, Clock clock) {
        return new AnswerMetrics(stage, System.out::println, clock);
    }

    public void record(AnswerMeasurement m) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Stage").add("Route");
        ArrayNode metrics = directive.putArray("Metrics");

        line.put("Stage", stage);
        line.put("Route", m.route());
        if (m.timeToFirstTokenMillis() >= 0) {
            metric(metrics, line, "TimeToFirstToken", "Milliseconds", m.timeToFirstTokenMillis());
        }
        metric(metrics, line, "TotalTime", "Milliseconds", m.totalMillis());
        metric(metrics, line, "InputTokens", "Count", m.inputTokens());
        metric(metrics, line, "OutputTokens", "Count", m.outputTokens());
        metric(metrics, line, "FramesSent", "Count", m.framesSent());
        metric(metrics, line, "PassagesRetrieved", "Count", m.passagesRetrieved());
        metric(metrics, line, "PassagesKept", "Count", m.passagesKept());
        for (Confidence bucket : Confidence.values()) {
            Integer kept = m.passagesKeptByConfidence().get(bucket);
            if (kept != null && kept > 0) {
                metric(metrics, line, "PassagesKept" + camel(bucket), "Count", kept);
            }
        }
        metric(metrics, line, "RewriteUsed", "Count", m.rewriteUsed() ? 1 : 0);
        metric(metrics, line, "Error", "Count", m.error() == null ? 0 : 1);
        if (m.error() != null) {
            line.put("ErrorCode", m.error().name());
        }
        out.accept(line.toString());
    }

    private static void metric(ArrayNode metrics, ObjectNode line, String name, String unit, long value) {
        metrics.addObject().put("Name", name).put("Unit", unit);
        line.put(name, value);
    }

    private static String camel(Confidence bucket) {
        StringBuilder name = new StringBuilder();
        for (String part : bucket.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
