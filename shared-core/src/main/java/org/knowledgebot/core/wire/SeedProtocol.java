package org.knowledgebot.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowledgebot.core.domain.Source;

/** The frames of the seed protocol {@code getChatbotResponse} (DESIGN section 3a), byte for byte. */
public final class SeedProtocol {
    public static final String EOF_MARKER = "!<|EOF_STREAM|>!";
    public static final String ERROR_PREFIX = "<!ERROR!>: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedProtocol() {
    }

    /** Raw answer text as frames of at most 32 KB; clients concatenate them. */
    public static List<String> textFrames(String text) {
        return FrameSplitter.splitUtf8(text, FrameSplitter.MAX_FRAME_BYTES);
    }

    /**
     * {@code [{"title":"...","uri":"..."}]}, deduplicated by uri in the given order. Sources that would push the
     * frame over 32 KB are left out rather than breaking the frame.
     */
    public static String sourcesFrame(List<Source> sources) {
        ArrayNode array = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        int bytes = 2;
        for (Source source : sources) {
            if (!seen.add(source.uri())) {
                continue;
            }
            ObjectNode item = JSON.createObjectNode().put("title", source.title()).put("uri", source.uri());
            int itemBytes = item.toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + itemBytes > FrameSplitter.MAX_FRAME_BYTES) {
                break;
            }
            bytes += itemBytes;
            array.add(item);
        }
        return array.toString();
    }

    /** {@code <!ERROR!>: message}, the message cut to fit one frame. */
    public static String errorFrame(String message) {
        return FrameSplitter.splitUtf8(ERROR_PREFIX + message, FrameSplitter.MAX_FRAME_BYTES).get(0);
    }
}
