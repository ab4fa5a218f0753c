package org.knowledgebot.chat.aws;

/** Query strings for the retrieval services, which reject over-long queries. */
final class QueryText {
    /** Kendra's query limit is safe at this length; the rewrite keeps questions far shorter anyway. */
    static final int MAX_CHARS = 1000;

    private QueryText() {
    }

    /** The question cut to {@link #MAX_CHARS} characters, never splitting a surrogate pair. */
    static String truncate(String question) {
        String trimmed = question == null ? "" : question.strip();
        if (trimmed.length() <= MAX_CHARS) {
            return trimmed;
        }
        int end = Character.isHighSurrogate(trimmed.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return trimmed.substring(0, end);
    }
}
