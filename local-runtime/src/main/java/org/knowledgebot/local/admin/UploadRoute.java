package org.knowledgebot.local.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.documents.UploadRequest;

/**
 * {@code PUT /uploads/<token>}: the local presigned upload. The token decides the path; the request must carry
 * exactly the content type and length it was issued for, as S3 demands of a presigned PUT; a PUT refused for
 * them, or whose file could not be written, leaves the link usable until it expires.
 */
public final class UploadRoute {
    private static final String SPENT = "This upload link is invalid, expired or already used; ask for a new one.";

    private final LocalDocumentStore store;

    public UploadRoute(LocalDocumentStore store) {
        this.store = store;
    }

    public ApiResponse put(String token, String contentType, long contentLength, InputStream body) throws IOException {
        Optional<UploadTokens.Upload> upload = store.tokens().read(token);
        if (upload.isEmpty()) {
            return ApiResponse.message(403, SPENT);
        }
        if (!upload.get().contentType().equals(contentType)) {
            return ApiResponse.message(400, "Send the file with Content-Type: " + upload.get().contentType() + ".");
        }
        if (contentLength != upload.get().size() || contentLength > UploadRequest.MAX_BYTES) {
            return ApiResponse.message(contentLength > upload.get().size() ? 413 : 400,
                    "This link takes exactly " + upload.get().size() + " bytes; ask for a new link for another file.");
        }
        if (store.tokens().redeem(token).isEmpty()) {
            return ApiResponse.message(403, SPENT);
        }
        try {
            store.write(upload.get(), body);
        } catch (IOException | RuntimeException e) {
            // Nothing was written: the link stays usable for another try until it expires.
            store.tokens().release(token);
            throw e;
        }
        return ApiResponse.json(200, "{\"uploaded\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(upload.get().path()) + "}");
    }
}
