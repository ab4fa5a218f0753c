package org.knowledgebot.core.documents;

import org.knowledgebot.core.domain.WireNames;

/** Where a document stands with the index: searchable, waiting for (or in) ingestion, or refused with a reason. */
public enum DocumentStatus {
    INDEXED, PENDING, FAILED;

    public String wireName() {
        return WireNames.of(this);
    }
}
