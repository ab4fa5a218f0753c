package org.knowledgebot.core.observability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * How a failure appears in a log line: its exception class chain, outermost first
 * ({@code RetrievalException<-AccessDeniedException}), and the first service error code found along it. Never
 * the exceptions' messages, which may quote user input or tokens.
 */
public record FailureCause(String classChain, String serviceErrorCode) {
    private static final int MAX_DEPTH = 8;

    public static FailureCause of(Throwable failure, ServiceErrorCodes codes) {
        List<String> classes = new ArrayList<>();
        String serviceErrorCode = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable link = failure; link != null && classes.size() < MAX_DEPTH && seen.add(link);
             link = link.getCause()) {
            classes.add(nameOf(link));
            if (serviceErrorCode == null) {
                serviceErrorCode = codeOf(link, codes);
            }
        }
        return new FailureCause(String.join("<-", classes), serviceErrorCode);
    }

    private static String codeOf(Throwable link, ServiceErrorCodes codes) {
        return codes.of(link).filter(value -> !value.isBlank()).orElse(null);
    }

    /** The simple name; an anonymous or local class has none, so its binary name stands in. */
    private static String nameOf(Throwable link) {
        String simple = link.getClass().getSimpleName();
        return simple.isEmpty() ? link.getClass().getName() : simple;
    }
}
