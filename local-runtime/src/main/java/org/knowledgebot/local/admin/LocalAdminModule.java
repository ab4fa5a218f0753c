package org.knowledgebot.local.admin;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;
import org.knowledgebot.core.admin.AuditLog;
import org.knowledgebot.core.documents.DocumentService;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.gaps.UnsourcedAnswers;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.core.usage.UsageLedger;
import org.knowledgebot.local.LocalAdaptersModule;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.retrieval.HybridRetriever;
import org.knowledgebot.local.retrieval.LocalKnowledgeIndex;
import org.knowledgebot.local.session.SqliteUnsourcedAnswers;
import org.knowledgebot.session.DynamoUnsourcedAnswers;

/** The local adapters of the operators' console: SQLite feedback and usage counts, and the knowledge folder with the Lucene index. */
@Module
public final class LocalAdminModule {
    private LocalAdminModule() {
    }

    /** Ratings in {@code <data>/feedback.db}, apart from the sessions, so deleting a chat keeps its ratings. */
    @Provides
    @Singleton
    static FeedbackStore feedbackStore(LocalSettings settings) {
        return new SqliteFeedbackStore(settings.dataDir().resolve("feedback.db"));
    }

    /** Every question's usage counts in {@code <data>/usage.db}: the chat route adds, the usage report reads. */
    @Provides
    @Singleton
    static SqliteUsageLedger usageCounts(LocalSettings settings) {
        return new SqliteUsageLedger(settings.dataDir().resolve("usage.db"));
    }

    @Provides
    static UsageLedger usageLedger(SqliteUsageLedger counts) {
        return counts;
    }

    @Provides
    static UsageHistory usageHistory(SqliteUsageLedger counts) {
        return counts;
    }

    /** The gaps report's unsourced answers, from the same turns the runtime's session store keeps. */
    @Provides
    @Singleton
    static UnsourcedAnswers unsourcedAnswers(LocalSettings settings) {
        return switch (settings.sessions()) {
            case SQLITE -> new SqliteUnsourcedAnswers(settings.dataDir().resolve("sessions.db"));
            case DYNAMODB -> new DynamoUnsourcedAnswers(LocalAdaptersModule.sessionsDynamoDb(settings),
                    settings.environment().required("SESSIONS_TABLE_NAME"));
        };
    }

    /** The knowledge folder's documents, when the runtime searches it itself (not in hybrid mode). */
    @Provides
    @Singleton
    static Optional<LocalDocumentStore> documentStore(LocalSettings settings, Retriever retriever, Clock clock) {
        return retriever instanceof HybridRetriever lucene
                ? Optional.of(new LocalDocumentStore(settings.knowledgeDir(), new UploadTokens(clock), clock, lucene::reindex))
                : Optional.empty();
    }

    @Provides
    @Singleton
    static Optional<DocumentService> documentService(Optional<LocalDocumentStore> store, Retriever retriever,
                                                     AuditLog audit, Clock clock) {
        return store.map(documents -> new DocumentService(documents,
                new LocalKnowledgeIndex((HybridRetriever) retriever, clock), audit));
    }
}
