package org.knowledgebot.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.testing.RecordingOutput;

class EventLogTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void writesOneJsonLineWithAHashInsteadOfTheUserId() {
        // given
        RecordingOutput out = new RecordingOutput();
        EventLog log = new EventLog(out, clock);

        // when
        log.write(EventLog.event("sendMessage", "failed").requestId("req-1").connectionId("conn-1")
                .user("alice@example.com").error(ErrorCode.THROTTLED).durationMillis(812));

        // then
        assertThat(out.lines()).containsExactly("{\"timestamp\":\"2026-11-25T10:00:00Z\",\"level\":\"WARN\","
                + "\"requestId\":\"req-1\",\"connectionId\":\"conn-1\",\"userHash\":\"" + UserHash.of("alice@example.com")
                + "\",\"route\":\"sendMessage\",\"outcome\":\"failed\",\"errorCode\":\"THROTTLED\",\"durationMs\":812}");
        assertThat(out.lines().get(0)).doesNotContain("alice");
    }

    @Test
    void aCauseIsWrittenAsItsClassChainAndServiceErrorCodeNeverItsMessages() {
        // given a model failure wrapping a service exception whose message quotes the user's question
        RecordingOutput out = new RecordingOutput();
        ServiceErrorCodes codes = failure -> failure instanceof IllegalStateException
                ? Optional.of("ThrottlingException") : Optional.empty();
        EventLog log = new EventLog(out, clock, codes);
        RuntimeException service = new IllegalStateException("Too many requests for: what is my tax number 1234?");
        RuntimeException failure = new ModelException(ErrorCode.THROTTLED, "The model is busy.", true, service);

        // when
        log.write(EventLog.event("sendMessage", "failed").error(ErrorCode.THROTTLED).cause(failure));

        // then
        assertThat(out.lines()).containsExactly("{\"timestamp\":\"2026-11-25T10:00:00Z\",\"level\":\"WARN\","
                + "\"route\":\"sendMessage\",\"outcome\":\"failed\",\"errorCode\":\"THROTTLED\","
                + "\"cause\":\"ModelException<-IllegalStateException\",\"serviceErrorCode\":\"ThrottlingException\"}");
        assertThat(out.lines().get(0)).doesNotContain("1234").doesNotContain("busy");
    }

    @Test
    void aCauseChainThatLoopsIsWrittenOnce() {
        // given
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new IllegalArgumentException("inner", outer);
        outer.initCause(inner);

        // when
        FailureCause cause = FailureCause.of(outer, ServiceErrorCodes.none());

        // then
        assertThat(cause).isEqualTo(new FailureCause("RuntimeException<-IllegalArgumentException", null));
    }

    @Test
    void theUserHashIsStableShortAndDiffersPerUser() {
        // when
        String alice = UserHash.of("alice");

        // then
        assertThat(alice).hasSize(16).matches("[0-9a-f]+").isEqualTo(UserHash.of("alice"));
        assertThat(alice).isNotEqualTo(UserHash.of("bob"));
        assertThat(UserHash.of(null)).isNull();
    }
}
