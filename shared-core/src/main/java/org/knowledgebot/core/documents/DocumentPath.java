package org.knowledgebot.core.documents;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.knowledgebot.core.admin.ApiProblem;

/**
 * A document's path inside the documents bucket or knowledge folder: letters, digits, {@code - _ . /} only, no
 * empty segment, no {@code .} or {@code ..} segment, at most 512 characters, ending in a supported extension.
 */
public record DocumentPath(String value) {
    public static final int MAX_CHARS = 512;
    /** The content type each supported extension must be uploaded with. */
    public static final Map<String, String> CONTENT_TYPES = Map.of(
            "md", "text/markdown", "txt", "text/plain", "html", "text/html", "pdf", "application/pdf");
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/-]+");

    /** The path, or a 400 that says what a path may contain. */
    public static DocumentPath parse(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_CHARS || !ALLOWED.matcher(path).matches()) {
            throw ApiProblem.badRequest("path must be 1 to " + MAX_CHARS + " letters, digits, '-', '_', '.' or '/',"
                    + " like policies/parking-permits.md.");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw ApiProblem.badRequest("path must not start or end with '/', nor contain '//', '.' or '..' segments.");
            }
        }
        if (!CONTENT_TYPES.containsKey(extensionOf(path))) {
            throw ApiProblem.badRequest("Only .md, .txt, .html and .pdf documents are indexed; rename the file to one of them.");
        }
        return new DocumentPath(path);
    }

    public String extension() {
        return extensionOf(value);
    }

    public String contentType() {
        return CONTENT_TYPES.get(extension());
    }

    private static String extensionOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
