package org.knowledgebot.core.documents;

import java.util.Locale;

/** Where a document stands with the index: searchable, waiting for (or in) ingestion, or refused with a reason. */
public enum DocumentStatus {
    INDEXED, PENDING, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
