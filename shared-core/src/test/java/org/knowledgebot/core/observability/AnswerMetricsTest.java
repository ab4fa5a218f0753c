package org.knowledgebot.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.testing.RecordingOutput;

class AnswerMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void writesAnEmbeddedMetricFormatLineWhoseMetricsAllHaveValues() throws Exception {
        // given
        RecordingOutput out = new RecordingOutput();

        // when
        new AnswerMetrics("prod", out, clock).record(new AnswerMeasurement("sendMessage", 420, 3_100, 1187, 14, 9, 12,
                Map.of(Confidence.HIGH, 2, Confidence.MEDIUM, 1), true, ErrorCode.MODEL_ERROR));

        // then
        JsonNode line = JSON.readTree(out.lines().get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(directive.get("Namespace").asText()).isEqualTo("KnowledgeChatbot");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Stage\",\"Route\"]]");
        assertThat(line.get("Stage").asText()).isEqualTo("prod");
        assertThat(line.get("Route").asText()).isEqualTo("sendMessage");
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(metric -> names.add(metric.get("Name").asText()));
        assertThat(names).containsExactly("TimeToFirstToken", "TotalTime", "InputTokens", "OutputTokens",
                "FramesSent", "PassagesRetrieved", "PassagesKept", "PassagesKeptHigh", "PassagesKeptMedium",
                "RewriteUsed", "Error");
        assertThat(names).allSatisfy(name -> assertThat(line.has(name)).isTrue());
        assertThat(line.get("TimeToFirstToken").asLong()).isEqualTo(420);
        assertThat(line.get("PassagesKept").asInt()).isEqualTo(3);
        assertThat(line.get("Error").asInt()).isEqualTo(1);
        assertThat(line.get("ErrorCode").asText()).isEqualTo("MODEL_ERROR");
    }

    @Test
    void anAnswerWithoutTokensHasNoTimeToFirstToken() throws Exception {
        // given
        RecordingOutput out = new RecordingOutput();

        // when
        new AnswerMetrics("dev", out, clock).record(new AnswerMeasurement("getChatbotResponse", -1, 5, 0, 0, 1, 0,
                Map.of(), false, ErrorCode.THROTTLED));

        // then
        JsonNode line = JSON.readTree(out.lines().get(0));
        assertThat(line.has("TimeToFirstToken")).isFalse();
        assertThat(line.get("_aws").toString()).doesNotContain("TimeToFirstToken");
    }
}
