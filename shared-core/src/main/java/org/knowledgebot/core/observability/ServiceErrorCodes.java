package org.knowledgebot.core.observability;

import java.util.Optional;

/**
 * Reads the error code a remote service put in one exception (e.g. {@code AccessDeniedException},
 * {@code ThrottlingException}). A port: the AWS SDK's exceptions are only known to the function modules.
 */
@FunctionalInterface
public interface ServiceErrorCodes {
    /** The service's error code carried by {@code failure} itself (not its causes), if any. */
    Optional<String> of(Throwable failure);

    /** For a graph without remote services: no exception carries a code. */
    static ServiceErrorCodes none() {
        return failure -> Optional.empty();
    }
}
