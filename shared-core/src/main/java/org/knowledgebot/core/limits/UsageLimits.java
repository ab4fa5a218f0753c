package org.knowledgebot.core.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;
import org.knowledgebot.core.port.UsageCounters;

/**
 * Keeps one user from using up a stage: at most {@link UsageLimitSettings#messagesPerMinute()} messages in each
 * UTC minute and {@link UsageLimitSettings#dailyTokens()} answer tokens in each UTC day, counted by user id in
 * {@link UsageCounters} (one counter per user per window). Fixed windows: a user may send up to twice the rate
 * across a minute boundary, which is cheap to count atomically and still bounds what one user can spend.
 *
 * <p>A message over a limit is refused before anything reaches a model; a refused message counts towards the
 * minute (a script that keeps sending stays refused) but spends no tokens. When the counters cannot be reached
 * the message is let through and a warning line names the failure: an outage of the counters must not become an
 * outage of the chatbot, and it only ever lets a user spend more than the limit while it lasts.
 */
public final class UsageLimits {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    /** Counters outlive their window a little, so a clock a few seconds off never reads a forgotten one. */
    private static final Duration KEEP_AFTER_WINDOW = Duration.ofHours(1);

    private final UsageLimitSettings settings;
    private final UsageCounters counters;
    private final Clock clock;
    private final Consumer<String> warnings;

    /** {@code warnings} gets one JSON line per failed counter call (standard error in the functions). */
    public UsageLimits(UsageLimitSettings settings, UsageCounters counters, Clock clock, Consumer<String> warnings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** No limits at all (nothing is counted). */
    public static UsageLimits unlimited() {
        return new UsageLimits(UsageLimitSettings.none(), NoCounters.INSTANCE, Clock.systemUTC(), line -> { });
    }

    /** Whether {@code userId} may send one more message now; counts it. Never throws. */
    public Decision admit(String userId) {
        if (!settings.limitsAnything()) {
            return Decision.ADMITTED;
        }
        try {
            return check(userId);
        } catch (RuntimeException e) {
            warn("admit", e);
            return Decision.ADMITTED;
        }
    }

    private Decision check(String userId) {
        Instant now = clock.instant();
        if (settings.dailyTokens().isPresent()) {
            Instant tomorrow = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            if (counters.get(userId, tokensWindow(now)) >= settings.dailyTokens().getAsLong()) {
                return Decision.refused(Limit.DAILY_TOKENS, secondsUntil(now, tomorrow));
            }
        }
        if (settings.messagesPerMinute().isPresent()) {
            Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            long sent = counters.add(userId, "messages#" + MINUTE.format(now), 1, nextMinute.plus(KEEP_AFTER_WINDOW));
            if (sent > settings.messagesPerMinute().getAsLong()) {
                return Decision.refused(Limit.MESSAGES_PER_MINUTE, secondsUntil(now, nextMinute));
            }
        }
        return Decision.ADMITTED;
    }

    /** Adds the tokens an answer spent to the user's day (nothing when there is no daily limit). Never throws. */
    public void charge(String userId, long tokens) {
        if (settings.dailyTokens().isEmpty() || tokens <= 0) {
            return;
        }
        Instant now = clock.instant();
        Instant tomorrow = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        try {
            counters.add(userId, tokensWindow(now), tokens, tomorrow.plus(KEEP_AFTER_WINDOW));
        } catch (RuntimeException e) {
            warn("charge", e);
        }
    }

    private void warn(String step, RuntimeException failure) {
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = failure; cause != null && causes.length() < 500; cause = cause.getCause()) {
            causes.append(causes.length() == 0 ? "" : " < ").append(cause.getClass().getName());
        }
        warnings.accept("{\"level\":\"WARN\",\"message\":\"usage counters unavailable, limits not applied\",\"step\":\""
                + step + "\",\"error\":\"" + causes + "\"}");
    }

    private static String tokensWindow(Instant now) {
        return "tokens#" + DAY.format(now);
    }

    private static long secondsUntil(Instant now, Instant then) {
        return Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1_000);
    }

    public enum Limit { MESSAGES_PER_MINUTE, DAILY_TOKENS }

    /** Admitted, or refused by {@code limit} until {@code retryAfterSeconds} from now. */
    public record Decision(boolean admitted, Limit limit, long retryAfterSeconds) {
        public static final Decision ADMITTED = new Decision(true, null, 0);

        static Decision refused(Limit limit, long retryAfterSeconds) {
            return new Decision(false, limit, retryAfterSeconds);
        }

        /** The refusal in words for the user, with the wait ("Please try again in 42 seconds."). */
        public String message() {
            String what = limit == Limit.DAILY_TOKENS
                    ? "You have used today's answer allowance."
                    : "You are sending messages faster than this chatbot allows.";
            return what + " Please try again in " + inWords(retryAfterSeconds) + ".";
        }

        private static String inWords(long seconds) {
            if (seconds < 60) {
                return count(seconds, "second");
            }
            long minutes = (seconds + 59) / 60;
            if (minutes < 60) {
                return count(minutes, "minute");
            }
            return count(minutes / 60, "hour") + (minutes % 60 == 0 ? "" : " and " + count(minutes % 60, "minute"));
        }

        private static String count(long amount, String unit) {
            return amount + " " + unit + (amount == 1 ? "" : "s");
        }
    }

    private enum NoCounters implements UsageCounters {
        INSTANCE;

        @Override
        public long add(String userId, String window, long amount, Instant expiresAt) {
            return 0;
        }

        @Override
        public long get(String userId, String window) {
            return 0;
        }
    }
}
