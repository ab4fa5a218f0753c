package org.knowledgebot.core.domain;

import java.util.Objects;

/** One retrieved piece of a document, with the retriever's confidence in it. */
public record Passage(String documentId, String title, String uri, String text, Confidence confidence) {
    public Passage {
        title = title == null ? "" : title;
        uri = uri == null ? "" : uri;
        text = text == null ? "" : text;
        Objects.requireNonNull(confidence, "confidence");
    }
}
