package org.knowledgebot.core.limits;

import java.util.OptionalLong;
import org.knowledgebot.core.config.Environment;

/**
 * The per-user limits: {@code USER_MESSAGES_PER_MINUTE} chat messages in each UTC minute and
 * {@code USER_DAILY_TOKENS} answer-model tokens (input and output, what the bill counts) in each UTC day. An
 * absent variable means no such limit (the local runtime's default; a deployed stage sets both).
 */
public record UsageLimitSettings(OptionalLong messagesPerMinute, OptionalLong dailyTokens) {
    public static final String MESSAGES_PER_MINUTE = "USER_MESSAGES_PER_MINUTE";
    public static final String DAILY_TOKENS = "USER_DAILY_TOKENS";

    public static UsageLimitSettings none() {
        return new UsageLimitSettings(OptionalLong.empty(), OptionalLong.empty());
    }

    public static UsageLimitSettings from(Environment environment) {
        return new UsageLimitSettings(limit(environment, MESSAGES_PER_MINUTE, 100_000),
                limit(environment, DAILY_TOKENS, 1_000_000_000));
    }

    public boolean limitsAnything() {
        return messagesPerMinute.isPresent() || dailyTokens.isPresent();
    }

    private static OptionalLong limit(Environment environment, String name, int max) {
        return environment.optional(name).isPresent()
                ? OptionalLong.of(environment.integer(name, 0, 1, max))
                : OptionalLong.empty();
    }
}
