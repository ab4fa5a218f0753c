package org.knowledgebot.core.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who calls an HTTP route, from the JWT authorizer's claims. Operators are the members of the Cognito group
 * {@value #OPERATORS_GROUP}; the group list comes from the token's {@code cognito:groups} claim, which the HTTP
 * API hands on as one string ({@code "[admins editors]"}).
 */
public record Caller(String userId, String username, List<String> groups) {
    public static final String OPERATORS_GROUP = "admins";
    public static final String GROUPS_CLAIM = "cognito:groups";

    public Caller {
        Objects.requireNonNull(userId, "userId");
        username = username == null ? userId : username;
        groups = List.copyOf(groups);
    }

    public boolean isOperator() {
        return groups.contains(OPERATORS_GROUP);
    }

    /** The caller of a JWT-authorized request; null when the claims name no subject. */
    public static Caller fromClaims(Map<String, String> claims) {
        String subject = claims == null ? null : claims.get("sub");
        if (subject == null || subject.isBlank()) {
            return null;
        }
        String username = claims.getOrDefault("cognito:username", claims.get("username"));
        return new Caller(subject, username, parseGroups(claims.get(GROUPS_CLAIM)));
    }

    /**
     * The groups of a claim as API Gateway passes it: {@code [a b]} (HTTP API JWT authorizer), {@code a,b} (the
     * WebSocket authorizer's context), or a JSON array {@code ["a","b"]}.
     */
    public static List<String> parseGroups(String claim) {
        if (claim == null) {
            return List.of();
        }
        String inner = claim.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return Arrays.stream(inner.split("[\\s,]+"))
                .map(group -> group.replace("\"", ""))
                .filter(group -> !group.isEmpty())
                .toList();
    }
}
