package org.knowledgebot.core.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context the WebSocket authorizer returns on {@code $connect}, which API Gateway repeats as
 * {@code requestContext.authorizer} on every message of the connection: written by connect-fn's authorizer (and
 * the local runtime's), read by chat-fn, connect-fn's connection handlers and the local runtime. API Gateway adds
 * the policy's {@code principalId}. Values are strings only, as API Gateway accepts no lists.
 */
public final class AuthorizerContext {
    public static final String USER_ID = "userId";
    public static final String USERNAME = "username";
    /** Comma-joined group names. */
    public static final String GROUPS = "groups";
    public static final String PRINCIPAL_ID = "principalId";

    private AuthorizerContext() {
    }

    /** The context that names {@code identity}. */
    public static Map<String, Object> of(Identity identity) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(USER_ID, identity.userId());
        context.put(USERNAME, identity.username());
        context.put(GROUPS, String.join(",", identity.groups()));
        return context;
    }

    /**
     * The caller named by an authorizer context ({@code userId}, else {@code principalId}); null when the context
     * is absent or names no user. Never from the message body.
     */
    public static Identity read(Map<String, ?> context) {
        if (context == null) {
            return null;
        }
        String userId = text(context.get(USER_ID));
        if (userId.isEmpty()) {
            userId = text(context.get(PRINCIPAL_ID));
        }
        if (userId.isEmpty()) {
            return null;
        }
        String username = text(context.get(USERNAME));
        return new Identity(userId, username.isEmpty() ? userId : username, groups(context.get(GROUPS)));
    }

    private static List<String> groups(Object raw) {
        return Arrays.stream(text(raw).split(",")).map(String::trim).filter(group -> !group.isEmpty()).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
