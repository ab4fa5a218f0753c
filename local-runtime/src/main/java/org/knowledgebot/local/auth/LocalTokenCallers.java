package org.knowledgebot.local.auth;

import java.util.Map;
import java.util.Optional;
import org.knowledgebot.connect.CognitoJwtVerifier;
import org.knowledgebot.connect.InvalidTokenException;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.local.http.CallerIdentity;

/**
 * The session route's JWT authorizer when auth is on: {@code Authorization: Bearer <id token>} checked by
 * connect-fn's verifier against the local issuer; the claims passed on are the ones session-fn reads.
 */
public final class LocalTokenCallers implements CallerIdentity {
    private final CognitoJwtVerifier verifier;

    public LocalTokenCallers(CognitoJwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Optional<Map<String, String>> claims(String authorizationHeaderOrNull) {
        if (authorizationHeaderOrNull == null) {
            return Optional.empty();
        }
        String header = authorizationHeaderOrNull.strip();
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header;
        try {
            Identity identity = verifier.verify(token);
            return Optional.of(Map.of("sub", identity.userId(), "cognito:username", identity.username(), "token_use", "id"));
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
    }
}
