package org.knowledgebot.local.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.knowledgebot.core.port.PromptSource;

/**
 * The system prompt from a file, re-read when the file changes (so an operator can tune it while chatting),
 * or the prompt bundled with the runtime when no file is configured.
 */
public final class FilePromptSource implements PromptSource {
    static final String BUNDLED = "system-prompt.txt";

    private final Path fileOrNull;
    private final String bundledOrNull;
    private volatile Cached cached;

    private record Cached(FileTime modified, String prompt) {
    }

    public FilePromptSource(Path fileOrNull) {
        this.fileOrNull = fileOrNull;
        this.bundledOrNull = fileOrNull == null ? bundled() : null;
    }

    @Override
    public String systemPrompt() {
        if (fileOrNull == null) {
            return bundledOrNull;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(fileOrNull);
            Cached current = cached;
            if (current == null || !current.modified().equals(modified)) {
                current = new Cached(modified, Files.readString(fileOrNull, StandardCharsets.UTF_8).strip());
                cached = current;
            }
            return current.prompt();
        } catch (IOException e) {
            throw new UncheckedIOException("The system prompt file could not be read.", e);
        }
    }

    private static String bundled() {
        try (InputStream in = FilePromptSource.class.getResourceAsStream("/" + BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("The bundled system prompt is missing.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled system prompt could not be read.", e);
        }
    }
}
