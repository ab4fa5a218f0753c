package org.knowledgebot.core.domain;

import java.util.Locale;
import java.util.Optional;

/** The wire name of an enum constant of the admin API and the feedback records: its name in lower case. */
public final class WireNames {
    private WireNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire name is {@code value}; empty for anything else, null included. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
