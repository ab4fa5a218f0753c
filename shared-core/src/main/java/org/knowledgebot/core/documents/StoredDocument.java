package org.knowledgebot.core.documents;

import java.time.Instant;

/** A document as the store lists it (S3 object or knowledge file). */
public record StoredDocument(String path, long size, Instant lastModified) {
}
