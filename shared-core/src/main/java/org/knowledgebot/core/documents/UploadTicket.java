package org.knowledgebot.core.documents;

import java.time.Instant;
import java.util.Map;

/** Where the browser PUTs one document, with the headers it must send, until {@code expiresAt}. */
public record UploadTicket(String uploadUrl, Map<String, String> headers, Instant expiresAt) {
    public UploadTicket {
        headers = Map.copyOf(headers);
    }
}
