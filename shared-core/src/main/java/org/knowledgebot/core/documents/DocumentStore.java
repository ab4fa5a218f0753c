package org.knowledgebot.core.documents;

import java.time.Duration;
import java.util.List;

/** The documents the chatbot answers from (the documents bucket on AWS, the knowledge folder locally). */
public interface DocumentStore {
    /** Every document, in path order. */
    List<StoredDocument> list();

    /**
     * A one-time place to upload {@code path}: the browser PUTs exactly {@code size} bytes of {@code contentType}
     * there within {@code validity}; the existing ingestion path indexes it afterwards.
     */
    UploadTicket prepareUpload(DocumentPath path, String contentType, long size, Duration validity);

    /** Deletes the document; false when there was none. */
    boolean delete(DocumentPath path);
}
