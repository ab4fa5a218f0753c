package org.knowledgebot.core.feedback;

import java.util.List;

/** The turn a rating is about, as the caller's own session holds it. */
public record RatedAnswer(String question, String answer, List<String> sourceTitles) {
    public RatedAnswer {
        sourceTitles = List.copyOf(sourceTitles);
    }
}
