package org.knowledgebot.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw invalid(name, raw.get(), "an integer from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            // The message names the variable, its value and what it must be.
            throw invalid(name, raw.get(), "an integer from " + min + " to " + max);
        }
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (!(value >= min && value <= max)) {
                throw invalid(name, raw.get(), "a number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            // The message names the variable, its value and what it must be.
            throw invalid(name, raw.get(), "a number from " + min + " to " + max);
        }
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
