package org.knowledgebot.core.domain;

/**
 * A document shown to the user under an answer. {@code uri} is never empty. {@code index} is the number the
 * answer prompt gave the document's passages, so an answer's citation {@code [n]} refers to the source with
 * index n; 0 when the source was not numbered (e.g. one read back from a stored turn).
 */
public record Source(String title, String uri, String excerpt, Confidence confidence, int index) {
    public Source {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a source needs a uri");
        }
        if (index < 0) {
            throw new IllegalArgumentException("a source's index is 1 or more, or 0 when it has none");
        }
        title = title == null ? "" : title;
        excerpt = excerpt == null ? "" : excerpt;
        confidence = confidence == null ? Confidence.NOT_AVAILABLE : confidence;
    }

    /** A source without a citation number. */
    public Source(String title, String uri, String excerpt, Confidence confidence) {
        this(title, uri, excerpt, confidence, 0);
    }
}
