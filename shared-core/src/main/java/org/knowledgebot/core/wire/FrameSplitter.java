package org.knowledgebot.core.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Cuts text into pieces whose encoded size stays within a byte budget (API Gateway rejects WebSocket frames over
 * 32 KB). Cuts fall only between code points, so a surrogate pair (an emoji) is never cut in half.
 */
public final class FrameSplitter {
    /** API Gateway's limit for one outgoing WebSocket frame. */
    public static final int MAX_FRAME_BYTES = 32_768;

    private FrameSplitter() {
    }

    /** Pieces of at most {@code maxBytes} bytes of UTF-8 each; the empty text gives no piece. */
    public static List<String> splitUtf8(String text, int maxBytes) {
        return split(text, maxBytes, FrameSplitter::utf8Bytes);
    }

    /** Pieces whose JSON string escaping (as Jackson writes it, without the quotes) is at most {@code maxBytes}. */
    public static List<String> splitJsonEscaped(String text, int maxBytes) {
        return split(text, maxBytes, FrameSplitter::jsonEscapedBytes);
    }

    /**
     * Adds one JSON item per element to {@code array}, in order, while the frame stays within
     * {@link #MAX_FRAME_BYTES}; stops at the first item that would not fit, so no item is built past it.
     *
     * @param frameBytes the size of the whole frame with {@code array} still empty
     */
    static <T> void addWhileFrameFits(ArrayNode array, int frameBytes, List<T> elements, Function<T, ObjectNode> item) {
        int bytes = frameBytes;
        for (T element : elements) {
            ObjectNode node = item.apply(element);
            int itemBytes = node.toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + itemBytes > MAX_FRAME_BYTES) {
                return;
            }
            bytes += itemBytes;
            array.add(node);
        }
    }

    private static List<String> split(String text, int maxBytes, IntUnaryOperator bytesOfCodePoint) {
        if (maxBytes < 6) {
            throw new IllegalArgumentException("a frame must hold at least one escaped character");
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = bytesOfCodePoint.applyAsInt(codePoint);
            if (bytes + size > maxBytes) {
                pieces.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    static int utf8Bytes(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    static int jsonEscapedBytes(int codePoint) {
        if (codePoint == '"' || codePoint == '\\' || codePoint == '\n' || codePoint == '\r' || codePoint == '\t'
                || codePoint == '\b' || codePoint == '\f') {
            return 2;
        }
        return codePoint < 0x20 ? 6 : utf8Bytes(codePoint);
    }
}
