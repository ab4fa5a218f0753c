package org.knowledgebot.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;

/**
 * One chat entry of the session JSON, {@code {user, chatbot, metadata, status, created_at, message_id}}, whose
 * {@code metadata} is itself a JSON string {@code {"Sources":[...]}} as the original session handler stored it.
 */
final class TurnJson {
    private TurnJson() {
    }

    /**
     * {@code {"Sources":[{"title","uri","excerpt","confidence","index"}]}}, the metadata string of a chat entry;
     * {@code index} (the answer's citation number) only for a numbered source, so the citations {@code [n]} of a
     * reloaded answer still link to their sources.
     */
    static String metadataString(List<Source> sources) {
        ObjectNode metadata = SessionProtocol.JSON.createObjectNode();
        ArrayNode array = metadata.putArray("Sources");
        for (Source source : sources) {
            ObjectNode item = array.addObject().put("title", source.title()).put("uri", source.uri())
                    .put("excerpt", source.excerpt()).put("confidence", source.confidence().name());
            if (source.index() > 0) {
                item.put("index", source.index());
            }
        }
        return metadata.toString();
    }

    /**
     * Sources of a metadata string; sources without a uri and unreadable metadata are skipped, an index that is
     * not a positive whole number reads as none.
     */
    static List<Source> parseMetadata(String metadata) {
        List<Source> sources = new ArrayList<>();
        JsonNode node = SessionProtocol.readOrNull(metadata);
        if (node == null) {
            return sources;
        }
        for (JsonNode item : node.path("Sources")) {
            String uri = item.path("uri").asText("");
            if (!uri.isBlank()) {
                int index = item.path("index").canConvertToInt() && item.path("index").asInt() > 0 ? item.path("index").asInt() : 0;
                sources.add(new Source(item.path("title").asText(""), uri, item.path("excerpt").asText(""),
                        Confidence.parse(item.path("confidence").asText(null)).orElse(Confidence.NOT_AVAILABLE), index));
            }
        }
        return sources;
    }

    static ObjectNode node(Turn turn) {
        ObjectNode node = SessionProtocol.JSON.createObjectNode();
        node.put("user", turn.user());
        node.put("chatbot", turn.chatbot());
        node.put("metadata", metadataString(turn.sources()));
        node.put("status", turn.status().name());
        node.put("created_at", turn.createdAt().toString());
        if (turn.hasMessageId()) {
            node.put("message_id", turn.messageId());
        }
        return node;
    }

    /**
     * Reads one chat entry; missing status means COMPLETE (entries written by the original handler), a missing
     * {@code message_id} an empty one (entries stored before turns kept it, or by a client).
     */
    static Turn parse(JsonNode entry) {
        JsonNode metadata = entry.path("metadata");
        List<Source> sources = metadata.isTextual() ? parseMetadata(metadata.asText())
                : parseMetadata(metadata.isObject() ? metadata.toString() : null);
        TurnStatus status = TurnStatus.COMPLETE;
        if (entry.path("status").isTextual()) {
            try {
                status = TurnStatus.valueOf(entry.get("status").asText());
            } catch (IllegalArgumentException e) {
                // The JDK's message names the enum class; this one names the accepted values.
                throw new IllegalArgumentException("status must be COMPLETE, INCOMPLETE or CANCELLED");
            }
        }
        Instant createdAt = entry.hasNonNull("created_at") ? SessionProtocol.instant(entry, "created_at") : Instant.EPOCH;
        return new Turn(entry.path("user").asText(""), entry.path("chatbot").asText(""), sources, status, createdAt,
                entry.path("message_id").isTextual() ? entry.get("message_id").asText() : "");
    }
}
