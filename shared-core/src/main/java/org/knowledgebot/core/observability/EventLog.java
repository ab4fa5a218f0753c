package org.knowledgebot.core.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.knowledgebot.core.domain.ErrorCode;

/**
 * Writes one JSON line per handled event (docs/ARCHITECTURE.md, "Logs and metrics"): request id, connection id,
 * a hash of the user id, route, outcome, error code and, for a failed or degraded event, its cause as a
 * {@link FailureCause} (exception class chain and service error code). It has no field for message text, tokens
 * or exception messages, so they cannot leak here.
 *
 * <pre>{@code
 * eventLog.write(EventLog.event("sendMessage", "answered").requestId(ctx.getAwsRequestId())
 *         .connectionId(connectionId).user(identity.userId()).durationMillis(ms));
 * }</pre>
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> out;
    private final Clock clock;
    private final ServiceErrorCodes serviceErrorCodes;

    public EventLog(Consumer<String> out, Clock clock) {
        this(out, clock, ServiceErrorCodes.none());
    }

    /** @param serviceErrorCodes reads the remote service's error code out of a cause (AWS in the functions) */
    public EventLog(Consumer<String> out, Clock clock, ServiceErrorCodes serviceErrorCodes) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serviceErrorCodes = Objects.requireNonNull(serviceErrorCodes, "serviceErrorCodes");
    }

    /** Logs to standard output, where Lambda ships each line to CloudWatch Logs. */
    public static EventLog toStandardOutput(Clock clock, ServiceErrorCodes serviceErrorCodes) {
        return new EventLog(System.out::println, clock, serviceErrorCodes);
    }

    /** Starts an event of {@code route} (e.g. {@code $connect}, {@code sendMessage}) that ended with {@code outcome}. */
    public static Event event(String route, String outcome) {
        return new Event(route, outcome);
    }

    public void write(Event event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", event.error == null && event.cause == null ? "INFO" : "WARN");
        putIfPresent(line, "requestId", event.requestId);
        putIfPresent(line, "connectionId", event.connectionId);
        putIfPresent(line, "userHash", event.userHash);
        line.put("route", event.route);
        line.put("outcome", event.outcome);
        putIfPresent(line, "errorCode", event.error == null ? null : event.error.name());
        if (event.cause != null) {
            FailureCause cause = FailureCause.of(event.cause, serviceErrorCodes);
            line.put("cause", cause.classChain());
            putIfPresent(line, "serviceErrorCode", cause.serviceErrorCode());
        }
        if (event.durationMillis >= 0) {
            line.put("durationMs", event.durationMillis);
        }
        out.accept(line.toString());
    }

    private static void putIfPresent(ObjectNode line, String field, String value) {
        if (value != null) {
            line.put(field, value);
        }
    }

    /** One log line under construction. */
    public static final class Event {
        private final String route;
        private final String outcome;
        private String requestId;
        private String connectionId;
        private String userHash;
        private ErrorCode error;
        private Throwable cause;
        private long durationMillis = -1;

        private Event(String route, String outcome) {
            this.route = Objects.requireNonNull(route, "route");
            this.outcome = Objects.requireNonNull(outcome, "outcome");
        }

        public Event requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Event connectionId(String value) {
            this.connectionId = value;
            return this;
        }

        /** Records only the hash of {@code userId}. */
        public Event user(String userId) {
            this.userHash = UserHash.of(userId);
            return this;
        }

        public Event error(ErrorCode value) {
            this.error = value;
            return this;
        }

        /** Why the event failed or was degraded; null for none. Only its class chain and service code are written. */
        public Event cause(Throwable value) {
            this.cause = value;
            return this;
        }

        public Event durationMillis(long value) {
            this.durationMillis = value;
            return this;
        }
    }
}
