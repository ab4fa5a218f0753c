package org.knowledgebot.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Texts;
import org.knowledgebot.core.domain.Usage;

/**
 * The frames of the typed protocol {@code sendMessage} (docs/PROTOCOLS.md, "Typed protocol"): one JSON object per frame, fields in
 * the documented order, every frame within 32 KB. {@code requestId} is omitted only from an error about a
 * message whose request id could not be read.
 */
public final class TypedProtocol {
    /** Longest excerpt sent with a source. */
    public static final int MAX_EXCERPT_CHARS = 300;
    private static final int MAX_MESSAGE_CHARS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Room for {@code {"type":"token","requestId":"<128 chars>","text":""}} around the text. */
    private static final int TOKEN_ENVELOPE_BYTES = 256;

    private TypedProtocol() {
    }

    public static String start(String requestId, String sessionId, String messageId) {
        return frame("start", requestId).put("sessionId", sessionId).put("messageId", messageId).toString();
    }

    /** One or more token frames carrying {@code text}, each within 32 KB. */
    public static List<String> tokens(String requestId, String text) {
        List<String> frames = new ArrayList<>();
        for (String piece : FrameSplitter.splitJsonEscaped(text, FrameSplitter.MAX_FRAME_BYTES - TOKEN_ENVELOPE_BYTES)) {
            frames.add(frame("token", requestId).put("text", piece).toString());
        }
        return frames;
    }

    /** Sources in the given order; sources that would overflow the frame are left out. */
    public static String sources(String requestId, List<Source> sources) {
        ObjectNode frame = frame("sources", requestId);
        ArrayNode array = frame.putArray("sources");
        FrameSplitter.addWhileFrameFits(array, frame.toString().getBytes(StandardCharsets.UTF_8).length, sources,
                source -> {
                    ObjectNode item = JSON.createObjectNode().put("title", source.title()).put("uri", source.uri())
                            .put("excerpt", excerpt(source.excerpt())).put("confidence", source.confidence().name());
                    // The citation number [n] of the answer that refers to this source; additive, only when numbered.
                    return source.index() > 0 ? item.put("index", source.index()) : item;
                });
        return frame.toString();
    }

    public static String end(String requestId, String stopReason, Usage usage) {
        ObjectNode frame = frame("end", requestId).put("stopReason", stopReason);
        frame.putObject("usage").put("inputTokens", usage.inputTokens()).put("outputTokens", usage.outputTokens());
        return frame.toString();
    }

    public static String notice(String requestId, ErrorCode code, String message) {
        return frame("notice", requestId).put("code", code.name()).put("message", message).toString();
    }

    public static String error(String requestId, ErrorCode code, String message) {
        return frame("error", requestId).put("code", code.name()).put("message", Texts.truncate(message, MAX_MESSAGE_CHARS))
                .put("retryable", code.retryable()).toString();
    }

    /** The THROTTLED error of a per-user limit: {@code retryAfterSeconds} says when the next message may go. */
    public static String throttled(String requestId, String message, long retryAfterSeconds) {
        return frame("error", requestId).put("code", ErrorCode.THROTTLED.name())
                .put("message", Texts.truncate(message, MAX_MESSAGE_CHARS))
                .put("retryable", ErrorCode.THROTTLED.retryable()).put("retryAfterSeconds", retryAfterSeconds).toString();
    }

    private static ObjectNode frame(String type, String requestId) {
        ObjectNode frame = JSON.createObjectNode().put("type", type);
        if (requestId != null) {
            frame.put("requestId", requestId);
        }
        return frame;
    }

    private static String excerpt(String text) {
        return Texts.abbreviate(text.strip().replaceAll("\\s+", " "), MAX_EXCERPT_CHARS);
    }
}
