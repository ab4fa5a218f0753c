package org.knowledgebot.local.http;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.knowledgebot.local.admin.UploadRoute;

/**
 * The operators' HTTP side: admin-fn's routes ({@code /feedback}, {@code /admin/*}), the methods it serves at a path
 * (none where it has no route), and the local upload PUT.
 */
public record AdminEndpoints(HttpApiRoute api, Function<String, Set<String>> methods, Optional<UploadRoute> uploads) {
}
