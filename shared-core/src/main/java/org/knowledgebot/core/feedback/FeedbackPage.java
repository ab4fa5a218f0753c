package org.knowledgebot.core.feedback;

import java.util.List;
import java.util.Optional;

/** One page of feedback, newest first; {@code nextCursor} is present when more may follow. */
public record FeedbackPage(List<Feedback> items, Optional<String> nextCursor) {
    public FeedbackPage {
        items = List.copyOf(items);
    }
}
