package org.knowledgebot.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Typed reads from an environment map (System.getenv() in Lambda, flags merged in locally). Every failure
 * names the variable, so a misconfigured function fails at init with a message an operator can act on.
 */
public final class Environment {
    private final Map<String, String> values;

    public Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return optional(name).orElseThrow(
                () -> new ConfigurationException("missing required environment variable " + name));
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return number(name, defaultValue, Integer::valueOf, value -> value >= min && value <= max,
                "an integer from " + min + " to " + max);
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        return number(name, defaultValue, Double::valueOf, value -> value >= min && value <= max,
                "a number from " + min + " to " + max);
    }

    /** The variable as {@code parse} reads it when {@code inRange} accepts it; the default when it is not set. */
    private <T> T number(String name, T defaultValue, Function<String, T> parse, Predicate<T> inRange, String expected) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        T value;
        try {
            value = parse.apply(raw.get());
        } catch (NumberFormatException e) {
            // The message names the variable, its value and what it must be.
            throw invalid(name, raw.get(), expected);
        }
        if (!inRange.test(value)) {
            throw invalid(name, raw.get(), expected);
        }
        return value;
    }

    public boolean flag(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(name, raw.get(), "true or false");
        };
    }

    /** Reads an enum constant by name, case-insensitively. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.get()) || constant.toString().equalsIgnoreCase(raw.get())) {
                return constant;
            }
        }
        throw invalid(name, raw.get(), "one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static ConfigurationException invalid(String name, String value, String expected) {
        return new ConfigurationException("invalid value '" + value + "' for environment variable " + name
                + ": expected " + expected);
    }
}
