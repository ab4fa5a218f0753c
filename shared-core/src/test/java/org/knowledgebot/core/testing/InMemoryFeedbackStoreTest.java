package org.knowledgebot.core.testing;

import org.knowledgebot.core.feedback.FeedbackStore;

class InMemoryFeedbackStoreTest extends FeedbackStoreContract {
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    @Override
    protected FeedbackStore store() {
        return store;
    }
}
