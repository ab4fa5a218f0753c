package org.knowledgebot.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;

/**
 * The JSON of the session operations (docs/PROTOCOLS.md, "Sessions"), for both sides: the caller (chat-fn's
 * Lambda session store, the browser route) and {@link SessionOperations}. Turns are written by {@link TurnJson};
 * Lambda Invoke's envelope is {@link InvokeEnvelope}'s.
 *
 * <p>Request bodies carry {@code operation}, {@code user_id}, {@code session_id}, {@code new_chat_entry}
 * ({@code {user, chatbot, metadata, status}} where {@code metadata} is a JSON string
 * {@code {"Sources":[{"title","uri","excerpt","confidence"}]}}), {@code title} and, for
 * {@code get_recent_turns}, {@code max_turns}.
 *
 * <p>Response bodies: {@code get_session} → {@code {"session_id","user_id","title","created_at","updated_at",
 * "chat_history":[{user,chatbot,metadata,status,created_at}]}} (plus {@code "omitted_turns": n} when the oldest n
 * turns did not fit one response) or {@code {}}; list operations →
 * {@code [{"session_id","title","created_at","updated_at"}]} newest first; {@code add_session} → the summary
 * object; {@code update_session} → {@code {"session_id"}}; delete operations → {@code {"deleted": n}};
 * failures → {@code {"error":"..."}}. Timestamps are ISO-8601 instants.
 */
public final class SessionProtocol {
    public static final String ADD_SESSION = "add_session";
    public static final String GET_SESSION = "get_session";
    /** {@code get_session} with only the last {@code max_turns} turns: what an answer reads. */
    public static final String GET_RECENT_TURNS = "get_recent_turns";
    public static final String UPDATE_SESSION = "update_session";
    public static final String LIST_SESSIONS = "list_sessions_by_user_id";
    public static final String LIST_ALL_SESSIONS = "list_all_sessions_by_user_id";
    public static final String DELETE_SESSION = "delete_session";
    public static final String DELETE_USER_SESSIONS = "delete_user_sessions";

    /** How many sessions each list operation returns. */
    public static final int RECENT_LIMIT = 15;
    public static final int ALL_LIMIT = 100;

    static final ObjectMapper JSON = new ObjectMapper();

    private SessionProtocol() {
    }

    // ---- requests (caller side)

    public static String addSessionRequest(String userId, String sessionId, String title) {
        return request(ADD_SESSION, userId).put("session_id", sessionId).put("title", title).toString();
    }

    public static String getSessionRequest(String userId, String sessionId) {
        return request(GET_SESSION, userId).put("session_id", sessionId).toString();
    }

    public static String getRecentTurnsRequest(String userId, String sessionId, int maxTurns) {
        return request(GET_RECENT_TURNS, userId).put("session_id", sessionId).put("max_turns", maxTurns).toString();
    }

    /** Appends {@code turn}; the session is created with {@code titleIfNew} when it does not exist yet. */
    public static String appendTurnRequest(String userId, String sessionId, Turn turn, String titleIfNew) {
        ObjectNode body = request(UPDATE_SESSION, userId).put("session_id", sessionId);
        body.set("new_chat_entry", TurnJson.node(turn));
        if (titleIfNew != null) {
            body.put("title", titleIfNew);
        }
        return body.toString();
    }

    /** {@code update_session} with a title and no new entry: renames the session. */
    public static String renameSessionRequest(String userId, String sessionId, String title) {
        return request(UPDATE_SESSION, userId).put("session_id", sessionId).put("title", title).toString();
    }

    /** {@code all} false: the newest {@value #RECENT_LIMIT}; true: the newest {@value #ALL_LIMIT}. */
    public static String listSessionsRequest(String userId, boolean all) {
        return request(all ? LIST_ALL_SESSIONS : LIST_SESSIONS, userId).toString();
    }

    public static String deleteSessionRequest(String userId, String sessionId) {
        return request(DELETE_SESSION, userId).put("session_id", sessionId).toString();
    }

    public static String deleteUserSessionsRequest(String userId) {
        return request(DELETE_USER_SESSIONS, userId).toString();
    }

    // ---- responses (both sides)

    public static String sessionBody(Session session) {
        return sessionBody(session, Long.MAX_VALUE);
    }

    /**
     * The {@code get_session} body with the newest turns whose JSON takes at most {@code maxHistoryBytes}, oldest
     * first; {@code omitted_turns} says how many older ones did not fit (absent when none were left out).
     */
    public static String sessionBody(Session session, long maxHistoryBytes) {
        List<Turn> turns = session.turns();
        List<ObjectNode> kept = new ArrayList<>();
        long bytes = 0;
        for (int i = turns.size() - 1; i >= 0; i--) {
            ObjectNode node = TurnJson.node(turns.get(i));
            bytes += TurnLimits.utf8Length(node.toString()) + 1;
            if (bytes > maxHistoryBytes) {
                break;
            }
            kept.add(node);
        }
        ObjectNode body = summaryNode(session.summary());
        body.put("user_id", session.userId());
        if (kept.size() < turns.size()) {
            body.put("omitted_turns", turns.size() - kept.size());
        }
        ArrayNode history = body.putArray("chat_history");
        for (int i = kept.size() - 1; i >= 0; i--) {
            history.add(kept.get(i));
        }
        return body.toString();
    }

    /** The {@code get_session} body for a session that does not exist. */
    public static String absentSessionBody() {
        return "{}";
    }

    /** Parses a {@code get_session} body; empty for {@code {}}. */
    public static Optional<Session> parseSession(String body) {
        JsonNode node = readOrFail(body);
        if (!node.isObject() || node.isEmpty()) {
            return Optional.empty();
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode entry : node.path("chat_history")) {
            turns.add(TurnJson.parse(entry));
        }
        return Optional.of(new Session(text(node, "user_id"), text(node, "session_id"), text(node, "title"),
                instant(node, "created_at"), instant(node, "updated_at"), turns));
    }

    public static String summariesBody(List<SessionSummary> summaries) {
        ArrayNode array = JSON.createArrayNode();
        summaries.forEach(summary -> array.add(summaryNode(summary)));
        return array.toString();
    }

    public static String summaryBody(SessionSummary summary) {
        return summaryNode(summary).toString();
    }

    public static List<SessionSummary> parseSummaries(String body) {
        JsonNode node = readOrFail(body);
        if (!node.isArray()) {
            throw new IllegalArgumentException("a session list must be a JSON array");
        }
        List<SessionSummary> summaries = new ArrayList<>();
        for (JsonNode item : node) {
            summaries.add(new SessionSummary(text(item, "session_id"), text(item, "title"),
                    instant(item, "created_at"), instant(item, "updated_at")));
        }
        return summaries;
    }

    public static String deletedBody(int count) {
        return JSON.createObjectNode().put("deleted", count).toString();
    }

    public static int parseDeleted(String body) {
        return readOrFail(body).path("deleted").asInt();
    }

    public static String updatedBody(String sessionId) {
        return JSON.createObjectNode().put("session_id", sessionId).toString();
    }

    public static String renamedBody(String sessionId, boolean renamed) {
        return JSON.createObjectNode().put("session_id", sessionId).put("renamed", renamed).toString();
    }

    public static boolean parseRenamed(String body) {
        return readOrFail(body).path("renamed").asBoolean();
    }

    public static String errorBody(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    /** The error message of an error body, or the body itself when it has none. */
    public static String parseError(String body) {
        JsonNode node = readOrNull(body);
        return node != null && node.path("error").isTextual() ? node.get("error").asText() : String.valueOf(body);
    }

    private static ObjectNode summaryNode(SessionSummary summary) {
        ObjectNode node = JSON.createObjectNode();
        node.put("session_id", summary.sessionId());
        node.put("title", summary.title());
        node.put("created_at", summary.createdAt() == null ? null : summary.createdAt().toString());
        node.put("updated_at", summary.updatedAt() == null ? null : summary.updatedAt().toString());
        return node;
    }

    private static ObjectNode request(String operation, String userId) {
        return JSON.createObjectNode().put("operation", operation).put("user_id", userId);
    }

    static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }

    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            // The parser's message quotes the input, which may be the user's; the field name is enough.
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant");
        }
    }

    static JsonNode readOrNull(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            // Not JSON: every caller answers null with a clear error (a 400, or a 502 for the invoke envelope).
            return null;
        }
    }

    private static JsonNode readOrFail(String json) {
        JsonNode node = readOrNull(json);
        if (node == null) {
            throw new IllegalArgumentException("the session body is not JSON");
        }
        return node;
    }
}
