package org.knowledgebot.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.feedback.Rating;
import org.knowledgebot.core.testing.FeedbackStoreContract;

class SqliteFeedbackStoreTest extends FeedbackStoreContract {
    @TempDir
    Path folder;
    private SqliteFeedbackStore store;

    @Override
    protected FeedbackStore store() {
        if (store == null) {
            store = new SqliteFeedbackStore(folder.resolve("feedback.db"));
        }
        return store;
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void ratingsSurviveARestart() throws Exception {
        store().save(new Feedback("u1", "s1", "m1", Rating.UP, Optional.empty(), "", "Q?", "A.", List.of(), Instant.EPOCH));
        store.close();
        store = new SqliteFeedbackStore(folder.resolve("feedback.db"));

        assertThat(store.list(new FeedbackQuery(Optional.empty(), Optional.empty(), Optional.empty(), 10)).items()).hasSize(1);
    }
}
