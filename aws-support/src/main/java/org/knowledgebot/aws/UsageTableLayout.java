package org.knowledgebot.aws;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How the usage counts lie in the {@code UsageCounters} table (keys {@code user_id} / {@code window}), beside
 * the per-user limit counters: chat-fn writes them, admin-fn reads them with one Query. Every count lives under
 * the reserved partition {@value #DAYS_PARTITION} (no user id starts with {@code #}): the item {@code 2026-12-02}
 * holds that UTC day's {@value #QUESTIONS}, {@value #ERRORS} and tokens per answer model ({@code in#<modelId>},
 * {@code out#<modelId>}); the item {@code 2026-12-02#<userHash>} one user's {@value #QUESTIONS} and
 * {@value #TOKENS} that day. So a period is one key range, read in date order, and both kinds come back together.
 * The items expire {@value #KEPT_DAYS} days after their day, a little after the longest report reads them.
 */
public final class UsageTableLayout {
    /** The table's keys and TTL attribute, shared with the limit counters. */
    public static final String USER = "user_id";
    public static final String WINDOW = "window";
    public static final String EXPIRES_AT = "expires_at";
    public static final String DAYS_PARTITION = "#usage";
    public static final int KEPT_DAYS = 100;

    private UsageTableLayout() {
    }

    /** The counts' attributes: a day's or a user's questions, a day's errors, a user's tokens, a model's tokens. */
    public static final String QUESTIONS = "questions";
    public static final String ERRORS = "errors";
    public static final String TOKENS = "tokens";
    public static final String INPUT_PREFIX = "in#";
    public static final String OUTPUT_PREFIX = "out#";

    public static String dayWindow(LocalDate day) {
        return day.toString();
    }

    public static String userDayWindow(LocalDate day, String userHash) {
        return day + "#" + userHash;
    }

    /** The last window of {@code day}: after its day item and every user's ({@code ~} sorts after hex digits). */
    public static String lastWindowOf(LocalDate day) {
        return day + "#~";
    }

    /** Whether {@code window} is a day's totals (not one user's day). */
    public static boolean isDayWindow(String window) {
        return window.indexOf('#') < 0;
    }

    /** When DynamoDB's TTL may delete the items of {@code day} (epoch seconds). */
    public static long expiresAt(LocalDate day) {
        return day.plusDays(KEPT_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
