package org.knowledgebot.local.http;

import java.util.Map;
import java.util.Optional;

/**
 * Who calls the session route: the JWT claims an HTTP API JWT authorizer would pass on ({@code sub},
 * {@code cognito:username}, {@code token_use}), or empty when the request must be refused with 401.
 */
@FunctionalInterface
public interface CallerIdentity {
    Optional<Map<String, String>> claims(String authorizationHeaderOrNull);
}
