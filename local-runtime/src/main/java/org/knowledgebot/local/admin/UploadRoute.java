package org.knowledgebot.local.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.documents.UploadRequest;

/**
 * {@code PUT /uploads/<token>}: the local presigned upload. The token decides the path; the request must carry
 * exactly the content type and length it was issued for, as S3 demands of a presigned PUT.
 */
public final class UploadRoute {
    private final LocalDocumentStore store;

    public UploadRoute(LocalDocumentStore store) {
        this.store = store;
    }

    public ApiResponse put(String token, String contentType, long contentLength, InputStream body) throws IOException {
        Optional<UploadTokens.Upload> upload = store.tokens().redeem(token);
        if (upload.isEmpty()) {
            return ApiResponse.message(403, "This upload link is invalid, expired or already used; ask for a new one.");
        }
        if (!upload.get().contentType().equals(contentType)) {
            return ApiResponse.message(400, "Send the file with Content-Type: " + upload.get().contentType() + ".");
        }
        if (contentLength != upload.get().size() || contentLength > UploadRequest.MAX_BYTES) {
            return ApiResponse.message(contentLength > upload.get().size() ? 413 : 400,
                    "This link takes exactly " + upload.get().size() + " bytes; ask for a new link for another file.");
        }
        store.write(upload.get(), body);
        return ApiResponse.json(200, "{\"uploaded\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(upload.get().path()) + "}");
    }
}
