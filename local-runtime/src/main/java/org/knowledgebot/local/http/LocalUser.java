package org.knowledgebot.local.http;

import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.core.domain.AuthorizerContext;
import org.knowledgebot.core.domain.Identity;

/**
 * The one user of a runtime without auth: every connection and every session request is {@value #ID}, and
 * that user is an operator (in the {@code admins} group), since whoever runs the runtime runs the chatbot.
 */
public final class LocalUser implements CallerIdentity {
    public static final String ID = "local-user";

    /** The authorizer context a WebSocket connection carries when auth is off, with API Gateway's principalId. */
    public static Map<String, Object> authorizerContext() {
        Map<String, Object> context = AuthorizerContext.of(Identity.of(ID));
        context.put(AuthorizerContext.PRINCIPAL_ID, ID);
        context.put("groups", Caller.OPERATORS_GROUP);
        return Map.copyOf(context);
    }

    @Override
    public Optional<Map<String, String>> claims(String authorizationHeaderOrNull) {
        return Optional.of(Map.of("sub", ID, "cognito:username", ID, "token_use", "id",
                Caller.GROUPS_CLAIM, "[" + Caller.OPERATORS_GROUP + "]"));
    }
}
