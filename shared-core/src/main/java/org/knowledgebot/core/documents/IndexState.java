package org.knowledgebot.core.documents;

import java.util.Optional;

/** What the index says about one document; {@code reason} only when it failed. */
public record IndexState(DocumentStatus status, Optional<String> reason) {
    public static final IndexState PENDING = new IndexState(DocumentStatus.PENDING, Optional.empty());
    public static final IndexState INDEXED = new IndexState(DocumentStatus.INDEXED, Optional.empty());

    public static IndexState failed(String reason) {
        return new IndexState(DocumentStatus.FAILED, Optional.of(reason == null || reason.isBlank() ? "no reason given" : reason));
    }
}
