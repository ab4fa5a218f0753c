package org.knowledgebot.core.domain;

/** A document shown to the user under an answer. {@code uri} is never empty. */
public record Source(String title, String uri, String excerpt, Confidence confidence) {
    public Source {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a source needs a uri");
        }
        title = title == null ? "" : title;
        excerpt = excerpt == null ? "" : excerpt;
        confidence = confidence == null ? Confidence.NOT_AVAILABLE : confidence;
    }
}
