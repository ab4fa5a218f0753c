package org.knowledgebot.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.knowledgebot.core.domain.SessionIds;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.wire.IncomingMessage.Rejected;
import org.knowledgebot.core.wire.IncomingMessage.SeedRequest;
import org.knowledgebot.core.wire.IncomingMessage.TypedRequest;

/**
 * Parses and validates the body of an incoming WebSocket message (docs/PROTOCOLS.md): the action picks the
 * protocol; missing or wrong-typed fields, unknown actions, malformed JSON and oversized input become a
 * {@link Rejected} whose reason a user understands.
 */
public final class IncomingMessageParser {
    /** API Gateway's limit for one incoming WebSocket message. */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    public static final String SEED_ACTION = WireProtocol.SEED.action();
    public static final String TYPED_ACTION = WireProtocol.TYPED.action();
    private static final int MAX_REQUEST_ID_CHARS = 128;
    /** The longest tag RFC 5646 asks implementations to support. */
    private static final int MAX_LOCALE_CHARS = 35;
    /** A BCP 47 language tag's shape: a 2-8 letter language, then subtags of 1-8 letters or digits. */
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxUserMessageChars;

    public IncomingMessageParser(int maxUserMessageChars) {
        this.maxUserMessageChars = maxUserMessageChars;
    }

    public IncomingMessage parse(String body) {
        JsonNode root = readOrNull(body);
        if (root == null || !root.isObject()) {
            // An old client cannot read typed frames; a body that names the seed action gets the seed error.
            boolean seed = body != null && body.contains("\"" + SEED_ACTION + "\"");
            return new Rejected(seed ? WireProtocol.SEED : WireProtocol.TYPED, null, "The message is not valid JSON.");
        }
        JsonNode action = root.get("action");
        if (action != null && action.isTextual() && SEED_ACTION.equals(action.asText())) {
            return seed(root, body);
        }
        String requestId = root.path("requestId").isTextual() ? root.get("requestId").asText() : null;
        if (requestId != null && (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_CHARS)) {
            return new Rejected(WireProtocol.TYPED, null, "requestId must be a non-empty string of at most "
                    + MAX_REQUEST_ID_CHARS + " characters.");
        }
        if (action == null || !action.isTextual() || !TYPED_ACTION.equals(action.asText())) {
            return new Rejected(WireProtocol.TYPED, requestId, "Unknown action. Send {\"action\":\"sendMessage\", ...}.");
        }
        return typed(root, body, requestId);
    }

    private IncomingMessage seed(JsonNode root, String body) {
        if (tooLarge(body)) {
            return new Rejected(WireProtocol.SEED, null, tooLargeReason());
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            return new Rejected(WireProtocol.SEED, null, "The message needs a data object.");
        }
        JsonNode userMessage = data.get("userMessage");
        JsonNode sessionId = data.get("session_id");
        String problem = questionProblem(userMessage, "userMessage", sessionId, "session_id");
        if (problem != null) {
            return new Rejected(WireProtocol.SEED, null, problem);
        }
        JsonNode systemPrompt = data.get("systemPrompt");
        if (present(systemPrompt) && !systemPrompt.isTextual()) {
            return new Rejected(WireProtocol.SEED, null, "systemPrompt must be a string.");
        }
        return new SeedRequest(userMessage.asText(), present(sessionId) ? sessionId.asText() : null,
                present(systemPrompt) && !systemPrompt.asText().isBlank() ? systemPrompt.asText() : null,
                clientTurns(data.get("chatHistory")));
    }

    /**
     * The seed client's chatHistory as turns (text only: its metadata and times are not read), or null when it is
     * missing or not a list of {@code {user, chatbot}} strings: it is a hint, so a malformed one is no error.
     */
    private static List<Turn> clientTurns(JsonNode history) {
        if (history == null || !history.isArray()) {
            return null;
        }
        List<Turn> turns = new ArrayList<>(history.size());
        for (JsonNode entry : history) {
            JsonNode user = entry.get("user");
            JsonNode chatbot = entry.get("chatbot");
            if (user == null || !user.isTextual() || chatbot == null || !chatbot.isTextual()) {
                return null;
            }
            turns.add(new Turn(user.asText(), chatbot.asText(), List.of(), TurnStatus.COMPLETE, Instant.EPOCH));
        }
        return turns;
    }

    private IncomingMessage typed(JsonNode root, String body, String requestId) {
        if (tooLarge(body)) {
            return new Rejected(WireProtocol.TYPED, requestId, tooLargeReason());
        }
        if (requestId == null) {
            return new Rejected(WireProtocol.TYPED, null, "requestId is required and must be a string.");
        }
        JsonNode sessionId = root.get("sessionId");
        String problem = questionProblem(root.get("message"), "message", sessionId, "sessionId");
        if (problem != null) {
            return new Rejected(WireProtocol.TYPED, requestId, problem);
        }
        JsonNode model = root.get("model");
        if (present(model) && (!model.isTextual() || model.asText().isBlank())) {
            return new Rejected(WireProtocol.TYPED, requestId, "model must be a non-empty string.");
        }
        JsonNode locale = root.get("locale");
        if (present(locale) && !validLocale(locale)) {
            return new Rejected(WireProtocol.TYPED, requestId, "locale must be a language tag such as \"es\" or "
                    + "\"es-MX\" (letters, digits and '-', at most " + MAX_LOCALE_CHARS + " characters).");
        }
        return new TypedRequest(requestId, present(sessionId) ? sessionId.asText() : null,
                root.get("message").asText(), present(model) ? model.asText() : null,
                present(locale) ? locale.asText() : null);
    }

    /** What is wrong with the question both protocols carry (the message, then the session id), or null. */
    private String questionProblem(JsonNode message, String messageField, JsonNode sessionId, String sessionField) {
        String problem = messageProblem(message, messageField);
        if (problem == null && present(sessionId) && !validSessionId(sessionId)) {
            problem = invalidSessionIdReason(sessionField);
        }
        return problem;
    }

    private String messageProblem(JsonNode message, String field) {
        if (message == null || message.isNull()) {
            return field + " is required.";
        }
        if (!message.isTextual()) {
            return field + " must be a string.";
        }
        String text = message.asText();
        if (text.isBlank()) {
            return field + " must not be empty.";
        }
        if (text.codePointCount(0, text.length()) > maxUserMessageChars) {
            return "The message is too long: at most " + maxUserMessageChars + " characters are allowed.";
        }
        return null;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static boolean validLocale(JsonNode node) {
        return node.isTextual() && node.asText().length() <= MAX_LOCALE_CHARS && LOCALE.matcher(node.asText()).matches();
    }

    private static boolean validSessionId(JsonNode node) {
        return node.isTextual() && SessionIds.isValid(node.asText());
    }

    private static String invalidSessionIdReason(String field) {
        return field + " must be a string of letters, digits, '-' or '_' (at most 128).";
    }

    private static boolean tooLarge(String body) {
        // Cheap bound first: UTF-8 never uses more than 3 bytes per UTF-16 char.
        return body.length() * 3L > MAX_MESSAGE_BYTES
                && body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES;
    }

    private static String tooLargeReason() {
        return "The message is too large: at most " + MAX_MESSAGE_BYTES / 1024 + " KB are allowed.";
    }

    private static JsonNode readOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Not JSON: answered as bad input, in the protocol the body seems to speak.
            return null;
        }
    }
}
