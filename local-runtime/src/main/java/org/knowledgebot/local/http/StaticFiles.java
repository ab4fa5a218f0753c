package org.knowledgebot.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.local.retrieval.KnowledgeFolder;

/**
 * The chat page (classpath {@code web/}) and the knowledge files (served as plain text at {@code /knowledge/},
 * so a document that contains HTML or script shows as text and can never run in the page's origin).
 */
public final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json", "txt", "text/plain; charset=utf-8");
    private static final Map<String, String> SAFE_HEADERS = Map.of(
            "x-content-type-options", "nosniff", "cache-control", "no-cache");

    private final Path knowledgeRoot;

    public StaticFiles(Path knowledgeRoot) {
        this.knowledgeRoot = knowledgeRoot.toAbsolutePath().normalize();
    }

    /** A file of the page; {@code /} is {@code index.html}. Empty when there is no such file. */
    public Optional<HttpReply> page(String path) {
        String relative = path.equals("/") ? "index.html" : path.substring(1);
        if (!isSafe(relative)) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new HttpReply(200, typeOf(relative), SAFE_HEADERS, in.readAllBytes()));
        } catch (IOException e) {
            // A file that cannot be read is served as absent (404), as a bucket would.
            return Optional.empty();
        }
    }

    /**
     * A knowledge file by its path under the folder, as UTF-8 plain text; none in a dot-folder or named with a dot
     * ({@code .git/config}), which the folder neither indexes nor lists.
     */
    public Optional<HttpReply> knowledge(String relative) {
        if (!isSafe(relative) || KnowledgeFolder.hidesAName(relative)) {
            return Optional.empty();
        }
        Path file = knowledgeRoot.resolve(relative).normalize();
        if (!file.startsWith(knowledgeRoot) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> headers = new java.util.HashMap<>(SAFE_HEADERS);
            headers.put("content-security-policy", "default-src 'none'; sandbox");
            return Optional.of(new HttpReply(200, "text/plain; charset=utf-8", headers, Files.readAllBytes(file)));
        } catch (IOException e) {
            // A file that cannot be read is served as absent (404), as a bucket would.
            return Optional.empty();
        }
    }

    private static boolean isSafe(String relative) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
            return false;
        }
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static String typeOf(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
