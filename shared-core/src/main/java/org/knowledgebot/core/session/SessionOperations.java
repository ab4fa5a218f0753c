package org.knowledgebot.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionIds;
import org.knowledgebot.core.domain.Texts;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.SessionStore;

/**
 * The session operations (docs/PROTOCOLS.md, "Sessions") over a {@link SessionStore}: parses the JSON body, runs the
 * operation, returns status and JSON body (shapes in {@link SessionProtocol}). Never throws: bad input is a
 * 400 with {@code {"error": "..."}}, a failing store a 500 whose message names no internals.
 *
 * <p>Every stored turn is checked against {@link TurnLimits}. Over HTTP (the user's own client) a turn keeps only
 * its question and answer: its sources and status are facts only the chat route knows, so a client can neither
 * plant links in its history nor relabel an answer; such a turn is stored with no sources as COMPLETE.
 * {@code get_session} answers with the newest turns that fit {@link TurnLimits#MAX_SESSION_BODY_BYTES}, so any
 * session still loads through Lambda's 6 MB response.
 */
public record SessionOperations(SessionStore store, Clock clock, TurnLimits limits) {
    private static final int MAX_TITLE_CHARS = 200;
    /** More than any stage's history window; a bound so one request cannot ask for a whole long session. */
    static final int MAX_RECENT_TURNS = 100;

    public SessionOperations {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * Runs one operation. {@code authenticatedUserId} non-null (HTTP API: the JWT sub) replaces any
     * {@code user_id} in the body; null (trusted Lambda Invoke from chat-fn) takes {@code user_id} from the body.
     * Without either the answer is 400.
     */
    public SessionResponse handle(String authenticatedUserId, String jsonBody) {
        JsonNode body = SessionProtocol.readOrNull(jsonBody);
        if (body == null || !body.isObject()) {
            return badRequest("the request body must be a JSON object");
        }
        try {
            String userId = authenticatedUserId != null ? authenticatedUserId : textOrNull(body, "user_id");
            if (userId == null || userId.isBlank()) {
                return badRequest("user_id is required");
            }
            String operation = textOrNull(body, "operation");
            if (operation == null) {
                return badRequest("operation is required");
            }
            return switch (operation) {
                case SessionProtocol.ADD_SESSION -> add(userId, body);
                case SessionProtocol.GET_SESSION -> get(userId, body);
                case SessionProtocol.GET_RECENT_TURNS -> getRecent(userId, body);
                case SessionProtocol.UPDATE_SESSION -> update(userId, body, authenticatedUserId != null);
                case SessionProtocol.LIST_SESSIONS -> ok(SessionProtocol.summariesBody(
                        store.listRecent(userId, SessionProtocol.RECENT_LIMIT)));
                case SessionProtocol.LIST_ALL_SESSIONS -> ok(SessionProtocol.summariesBody(
                        store.listRecent(userId, SessionProtocol.ALL_LIMIT)));
                case SessionProtocol.DELETE_SESSION -> delete(userId, body);
                case SessionProtocol.DELETE_USER_SESSIONS -> ok(SessionProtocol.deletedBody(store.deleteAll(userId)));
                default -> badRequest("unknown operation '" + abbreviate(operation) + "'");
            };
        } catch (InvalidRequest e) {
            return badRequest(e.getMessage());
        } catch (RuntimeException e) {
            return new SessionResponse(500, SessionProtocol.errorBody("the session store is unavailable, try again"), e);
        }
    }

    private SessionResponse add(String userId, JsonNode body) {
        String sessionId = sessionId(body);
        String title = title(body);
        return ok(SessionProtocol.summaryBody(store.create(userId, sessionId, title == null ? "" : title).summary()));
    }

    private SessionResponse get(String userId, JsonNode body) {
        return sessionResponse(store.find(userId, sessionId(body)));
    }

    private SessionResponse getRecent(String userId, JsonNode body) {
        JsonNode maxTurns = body.get("max_turns");
        if (maxTurns == null || !maxTurns.canConvertToInt() || maxTurns.asInt() < 0 || maxTurns.asInt() > MAX_RECENT_TURNS) {
            throw new InvalidRequest("max_turns must be a whole number from 0 to " + MAX_RECENT_TURNS);
        }
        return sessionResponse(store.findRecent(userId, sessionId(body), maxTurns.asInt()));
    }

    private static SessionResponse sessionResponse(Optional<Session> session) {
        return ok(session.map(found -> SessionProtocol.sessionBody(found, TurnLimits.MAX_SESSION_BODY_BYTES))
                .orElse(SessionProtocol.absentSessionBody()));
    }

    private SessionResponse update(String userId, JsonNode body, boolean fromClient) {
        String sessionId = sessionId(body);
        JsonNode entry = body.get("new_chat_entry");
        String newTitle = title(body);
        if ((entry == null || entry.isNull()) && newTitle != null) {
            if (newTitle.isEmpty()) {
                throw new InvalidRequest("title must not be empty to rename a session");
            }
            return ok(SessionProtocol.renamedBody(sessionId, store.rename(userId, sessionId, newTitle)));
        }
        if (entry == null || !entry.isObject()) {
            throw new InvalidRequest("new_chat_entry must be an object with user and chatbot");
        }
        if (!entry.path("user").isTextual() || !entry.path("chatbot").isTextual()) {
            throw new InvalidRequest("new_chat_entry.user and new_chat_entry.chatbot must be strings");
        }
        Turn parsed;
        try {
            parsed = TurnJson.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("new_chat_entry: " + e.getMessage());
        }
        // One clock dates a turn, the one of whoever made it: the chat pipeline dated its turn when it recorded the
        // answer (kept as sent); a client's turn is dated here, so a client cannot back-date or future-date history.
        Turn turn = fromClient
                ? new Turn(parsed.user(), parsed.chatbot(), List.of(), TurnStatus.COMPLETE, clock.instant())
                : new Turn(parsed.user(), parsed.chatbot(), parsed.sources(), parsed.status(),
                        entry.hasNonNull("created_at") ? parsed.createdAt() : clock.instant(), parsed.messageId());
        String violation = limits.violation(turn);
        if (violation != null) {
            throw new InvalidRequest("new_chat_entry: " + violation);
        }
        String title = title(body);
        store.append(userId, sessionId, turn, title == null ? "" : title);
        return ok(SessionProtocol.updatedBody(sessionId));
    }

    private SessionResponse delete(String userId, JsonNode body) {
        return ok(SessionProtocol.deletedBody(store.delete(userId, sessionId(body)) ? 1 : 0));
    }

    private static String sessionId(JsonNode body) {
        String sessionId = textOrNull(body, "session_id");
        if (sessionId == null) {
            throw new InvalidRequest("session_id is required");
        }
        if (!SessionIds.isValid(sessionId)) {
            throw new InvalidRequest("session_id may only contain letters, digits, '-' and '_' (at most 128)");
        }
        return sessionId;
    }

    private static String title(JsonNode body) {
        JsonNode title = body.get("title");
        if (title == null || title.isNull()) {
            return null;
        }
        if (!title.isTextual()) {
            throw new InvalidRequest("title must be a string");
        }
        String text = title.asText().strip();
        return Texts.truncate(text, MAX_TITLE_CHARS);
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequest(field + " must be a string");
        }
        return node.asText();
    }

    private static String abbreviate(String value) {
        return Texts.abbreviate(value, 60);
    }

    private static SessionResponse ok(String body) {
        return new SessionResponse(200, body);
    }

    private static SessionResponse badRequest(String message) {
        return new SessionResponse(400, SessionProtocol.errorBody(message));
    }

    /** Bad input found while running an operation; becomes a 400. */
    private static final class InvalidRequest extends RuntimeException {
        InvalidRequest(String message) {
            super(message, null, false, false);
        }
    }
}
