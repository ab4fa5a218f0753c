package org.knowledgebot.core.documents;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.JsonBodies;

/** A valid {@code POST /admin/documents/uploads} body: a path, its content type and the size the browser will PUT. */
public record UploadRequest(DocumentPath path, String contentType, long size) {
    public static final long MAX_BYTES = 50L * 1024 * 1024;
    private static final String EXPECTED =
            "Send {\"path\":\"policies/parking.md\",\"contentType\":\"text/markdown\",\"size\":1234}.";

    public static UploadRequest parse(String body) {
        JsonNode json = JsonBodies.object(body, EXPECTED);
        if (!json.path("path").isTextual() || !json.path("contentType").isTextual()
                || !json.path("size").canConvertToLong() || !json.path("size").isIntegralNumber()) {
            throw ApiProblem.badRequest(EXPECTED);
        }
        DocumentPath path = DocumentPath.parse(json.path("path").asText());
        String contentType = json.path("contentType").asText();
        if (!contentType.equals(path.contentType())) {
            throw ApiProblem.badRequest("A ." + path.extension() + " document is uploaded as " + path.contentType()
                    + ", not " + contentType + ".");
        }
        long size = json.path("size").asLong();
        if (size > MAX_BYTES) {
            throw new ApiProblem(413, "The document is " + size + " bytes; at most " + MAX_BYTES
                    + " (50 MB) are accepted. Split it into smaller documents.");
        }
        if (size < 1) {
            throw ApiProblem.badRequest("size must be the document's length in bytes (at least 1).");
        }
        return new UploadRequest(path, contentType, size);
    }
}
