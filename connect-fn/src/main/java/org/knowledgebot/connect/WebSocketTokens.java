package org.knowledgebot.connect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a WebSocket client puts its token. Seed clients use the query string ({@code ?Authorization=<token>});
 * browsers that keep tokens out of URLs offer it as a subprotocol next to an application protocol name, e.g.
 * {@code new WebSocket(url, ["knowledgebot", token])}. The handshake must then echo one offered protocol, and it
 * is the application name that is echoed, never the token.
 */
final class WebSocketTokens {
    static final String QUERY_PARAMETER = "Authorization";
    static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    private static final String BEARER_PREFIX = "bearer ";

    private WebSocketTokens() {
    }

    static Optional<String> token(Map<String, String> queryParameters, Map<String, String> headers) {
        Optional<String> fromQuery = valueIgnoringCase(queryParameters, QUERY_PARAMETER)
                .map(WebSocketTokens::withoutBearerPrefix)
                .filter(token -> !token.isBlank());
        if (fromQuery.isPresent()) {
            return fromQuery;
        }
        return offeredProtocols(headers).filter(WebSocketTokens::looksLikeJwt).findFirst();
    }

    /** The subprotocol to echo on $connect: the first offered one that is not a token; empty when none was offered. */
    static Optional<String> chosenProtocol(Map<String, String> headers) {
        return offeredProtocols(headers).filter(protocol -> !looksLikeJwt(protocol)).findFirst();
    }

    private static Stream<String> offeredProtocols(Map<String, String> headers) {
        return valueIgnoringCase(headers, PROTOCOL_HEADER).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(protocol -> !protocol.isEmpty());
    }

    private static boolean looksLikeJwt(String value) {
        return value.chars().filter(c -> c == '.').count() == 2;
    }

    private static String withoutBearerPrefix(String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase(BEARER_PREFIX.trim())) {
            return "";
        }
        return trimmed.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())
                ? trimmed.substring(BEARER_PREFIX.length()).trim()
                : trimmed;
    }

    private static Optional<String> valueIgnoringCase(Map<String, String> values, String name) {
        if (values == null) {
            return Optional.empty();
        }
        String exact = values.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return values.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .filter(Objects::nonNull)
                .findFirst();
    }
}
