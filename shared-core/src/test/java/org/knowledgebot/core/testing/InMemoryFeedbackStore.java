package org.knowledgebot.core.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackPage;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.FeedbackStore;

/** A {@link FeedbackStore} in memory with the real ones' contract: one entry per user, session and message. */
public final class InMemoryFeedbackStore implements FeedbackStore {
    private final Map<String, Feedback> byKey = new LinkedHashMap<>();

    @Override
    public synchronized void save(Feedback feedback) {
        byKey.put(key(feedback), feedback);
    }

    @Override
    public synchronized FeedbackPage list(FeedbackQuery query) {
        List<Feedback> matching = new ArrayList<>(byKey.values().stream()
                .filter(feedback -> query.rating().map(rating -> rating == feedback.rating()).orElse(true))
                .filter(feedback -> query.since().map(since -> !feedback.ratedAt().isBefore(since)).orElse(true))
                .sorted(Comparator.comparing(Feedback::ratedAt).reversed().thenComparing(InMemoryFeedbackStore::key))
                .toList());
        int start = 0;
        if (query.cursor().isPresent()) {
            start = matching.stream().map(InMemoryFeedbackStore::key).toList().indexOf(query.cursor().get()) + 1;
            if (start == 0) {
                throw new IllegalArgumentException("unknown cursor");
            }
        }
        List<Feedback> page = matching.subList(start, Math.min(matching.size(), start + query.limit()));
        Optional<String> next = start + page.size() < matching.size()
                ? Optional.of(key(page.get(page.size() - 1))) : Optional.empty();
        return new FeedbackPage(page, next);
    }

    /** Everything stored, in no particular order. */
    public synchronized List<Feedback> all() {
        return List.copyOf(byKey.values());
    }

    private static String key(Feedback feedback) {
        return feedback.userId() + "|" + feedback.sessionId() + "|" + feedback.messageId();
    }
}
