package org.knowledgebot.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.knowledgebot.core.domain.Source;

/** The frames of the seed protocol {@code getChatbotResponse} (docs/PROTOCOLS.md, "Seed protocol"), byte for byte. */
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
     * {@code [{"title":"...","uri":"..."}]} in the given order. Sources that would push the frame over 32 KB are
     * left out rather than breaking the frame.
     */
    public static String sourcesFrame(List<Source> sources) {
        ArrayNode array = JSON.createArrayNode();
        FrameSplitter.addWhileFrameFits(array, 2, sources,
                source -> JSON.createObjectNode().put("title", source.title()).put("uri", source.uri()));
        return array.toString();
    }

    /** {@code <!ERROR!>: message}, the message cut to fit one frame. */
    public static String errorFrame(String message) {
        return FrameSplitter.splitUtf8(ERROR_PREFIX + message, FrameSplitter.MAX_FRAME_BYTES).get(0);
    }
}
