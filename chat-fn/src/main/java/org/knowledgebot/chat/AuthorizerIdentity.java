package org.knowledgebot.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.domain.Identity;

/**
 * Reads who is asking from {@code requestContext.authorizer}: the context the REQUEST authorizer returned on
 * {@code $connect}, which API Gateway repeats on every message of the connection. Keys: {@code userId},
 * {@code username}, {@code groups} (comma-joined) and {@code principalId}. Never from the message body.
 */
public final class AuthorizerIdentity {
    public static final String USER_ID = "userId";
    public static final String USERNAME = "username";
    public static final String GROUPS = "groups";
    public static final String PRINCIPAL_ID = "principalId";

    private AuthorizerIdentity() {
    }

    /** The caller's identity, or null when the event carries no authorizer context with a user. */
    public static Identity from(APIGatewayV2WebSocketEvent event) {
        if (event == null || event.getRequestContext() == null) {
            return null;
        }
        Map<String, Object> authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer == null) {
            return null;
        }
        String userId = text(authorizer.get(USER_ID));
        if (userId.isEmpty()) {
            userId = text(authorizer.get(PRINCIPAL_ID));
        }
        if (userId.isEmpty()) {
            return null;
        }
        String username = text(authorizer.get(USERNAME));
        return new Identity(userId, username.isEmpty() ? userId : username, groups(authorizer.get(GROUPS)));
    }

    private static List<String> groups(Object raw) {
        return Arrays.stream(text(raw).split(","))
                .map(String::trim)
                .filter(group -> !group.isEmpty())
                .toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
