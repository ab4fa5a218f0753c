package org.knowledgebot.local.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.connect.CognitoJwtVerifier;
import org.knowledgebot.connect.InvalidTokenException;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.local.http.CallerIdentity;

/**
 * The session route's JWT authorizer when auth is on: {@code Authorization: Bearer <id token>} checked by
 * connect-fn's verifier against the local issuer; the claims passed on are the ones session-fn and admin-fn read.
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
            Map<String, String> claims = new HashMap<>(Map.of("sub", identity.userId(),
                    "cognito:username", identity.username(), "token_use", "id"));
            if (!identity.groups().isEmpty()) {
                // As the HTTP API's JWT authorizer passes a list claim on: "[admins editors]".
                claims.put(Caller.GROUPS_CLAIM, "[" + String.join(" ", identity.groups()) + "]");
            }
            return Optional.of(claims);
        } catch (InvalidTokenException e) {
            // A refused token means no caller; the route answers 401 and logs that.
            return Optional.empty();
        }
    }
}
