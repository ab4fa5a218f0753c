package org.knowledgebot.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import org.knowledgebot.core.domain.AuthorizerContext;
import org.knowledgebot.core.domain.Identity;

/**
 * Reads who is asking from {@code requestContext.authorizer} of a WebSocket event: the {@link AuthorizerContext}
 * the REQUEST authorizer returned on {@code $connect}, which API Gateway repeats on every message of the
 * connection. Never from the message body.
 */
public final class AuthorizerIdentity {
    private AuthorizerIdentity() {
    }

    /** The caller's identity, or null when the event carries no authorizer context with a user. */
    public static Identity from(APIGatewayV2WebSocketEvent event) {
        if (event == null || event.getRequestContext() == null) {
            return null;
        }
        return AuthorizerContext.read(event.getRequestContext().getAuthorizer());
    }
}
