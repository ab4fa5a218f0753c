package org.knowledgebot.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knowledgebot.core.model.ChunkDecoder;

/** Reads test fixtures from the classpath ({@code src/test/resources}). */
public final class Fixtures {
    private Fixtures() {
    }

    public static String read(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds every chunk of a JSON-lines stream fixture to the decoder, in order; the text it decoded. */
    public static String decode(ChunkDecoder decoder, String jsonLinesPath) {
        StringBuilder text = new StringBuilder();
        for (String chunk : lines(jsonLinesPath)) {
            text.append(decoder.accept(chunk));
        }
        return text.toString();
    }

    /** The non-empty lines of a JSON-lines fixture. */
    public static List<String> lines(String path) {
        return read(path).lines().filter(line -> !line.isBlank()).toList();
    }
}
