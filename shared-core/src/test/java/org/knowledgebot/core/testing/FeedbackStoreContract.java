package org.knowledgebot.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.FeedbackPage;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.feedback.Rating;

/** What every {@link FeedbackStore} must do; each adapter's test extends this with its store. */
public abstract class FeedbackStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    protected abstract FeedbackStore store();

    @Test
    void aSecondRatingOfTheSameAnswerReplacesTheFirstAndKeepsEverything() {
        store().save(feedback("u1", "m1", Rating.DOWN, 0));
        Feedback again = new Feedback("u1", "s1", "m1", Rating.UP, Optional.empty(), "better now", "Q m1?",
                "A m1.", List.of("Tax", "Fees"), T0.plusSeconds(60));
        store().save(again);

        assertThat(all(Optional.empty(), Optional.empty())).containsExactly(again);
    }

    @Test
    void theSameMessageIdOfAnotherUserIsAnotherRating() {
        store().save(feedback("u1", "m1", Rating.DOWN, 0));
        store().save(feedback("u2", "m1", Rating.UP, 1));

        assertThat(all(Optional.empty(), Optional.empty())).hasSize(2);
    }

    @Test
    void pagesAreNewestFirstFilteredAndEndWithoutACursor() {
        for (int i = 0; i < 5; i++) {
            store().save(feedback("u1", "m" + i, i % 2 == 0 ? Rating.DOWN : Rating.UP, i));
        }

        assertThat(all(Optional.empty(), Optional.empty())).extracting(Feedback::messageId)
                .containsExactly("m4", "m3", "m2", "m1", "m0");
        assertThat(all(Optional.of(Rating.DOWN), Optional.empty())).extracting(Feedback::messageId)
                .containsExactly("m4", "m2", "m0");
        assertThat(all(Optional.empty(), Optional.of(T0.plusSeconds(3)))).extracting(Feedback::messageId)
                .containsExactly("m4", "m3");
    }

    @Test
    void aCursorThatTheStoreDidNotIssueIsRefused() {
        assertThatThrownBy(() -> store().list(new FeedbackQuery(Optional.empty(), Optional.empty(), Optional.of("bm9wZQ"), 10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every matching entry, read two at a time through the cursors. */
    private List<Feedback> all(Optional<Rating> rating, Optional<Instant> since) {
        List<Feedback> items = new ArrayList<>();
        FeedbackQuery query = new FeedbackQuery(rating, since, Optional.empty(), 2);
        for (int pages = 0; pages < 10; pages++) {
            FeedbackPage page = store().list(query);
            items.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                return items;
            }
            query = query.after(page.nextCursor().get());
        }
        throw new AssertionError("the pages never ended");
    }

    private static Feedback feedback(String user, String message, Rating rating, int second) {
        return new Feedback(user, "s1", message, rating,
                rating == Rating.DOWN ? Optional.of(FeedbackCategory.WRONG) : Optional.empty(), "c " + message,
                "Q " + message + "?", "A " + message + ".", List.of("Tax"), T0.plusSeconds(second));
    }
}
