package org.knowledgebot.core.admin;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;
import org.knowledgebot.core.feedback.FeedbackRoutes;
import org.knowledgebot.core.documents.DocumentRoutes;
import org.knowledgebot.core.documents.DocumentService;
import org.knowledgebot.core.feedback.AnsweredTurns;
import org.knowledgebot.core.feedback.FeedbackReports;
import org.knowledgebot.core.feedback.FeedbackService;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.gaps.GapReport;
import org.knowledgebot.core.gaps.UnsourcedAnswers;
import org.knowledgebot.core.observability.EventLog;

/**
 * The admin function's use cases and routes over its ports ({@link FeedbackStore}, {@link AnsweredTurns}, {@link UnsourcedAnswers}, and the documents' when the
 * stage manages its documents here: an empty {@code Optional<DocumentService>} leaves those routes out); the
 * admin function's graph and the local runtime's bind the adapters.
 */
@Module
public final class AdminModule {
    public static final String ADMIN_GAPS = "/admin/gaps";
    private AdminModule() {
    }

    @Provides
    @Singleton
    static FeedbackReports feedbackReports(FeedbackStore store) {
        return new FeedbackReports(store);
    }

    @Provides
    @Singleton
    static FeedbackService feedbackService(FeedbackStore store, AnsweredTurns turns, Clock clock) {
        return new FeedbackService(store, turns, clock);
    }

    @Provides
    @Singleton
    static GapReport gapReport(UnsourcedAnswers unsourced, FeedbackStore store, Clock clock) {
        return new GapReport(unsourced, store, clock);
    }

    @Provides
    @Singleton
    static AuditLog auditLog(Clock clock) {
        return AuditLog.toStandardOutput(clock);
    }

    @Provides
    @Singleton
    static AdminRoutes adminRoutes(EventLog eventLog, FeedbackService feedback, FeedbackReports reports,
                                   GapReport gaps, Optional<DocumentService> documents) {
        AdminRoutes.Builder routes = FeedbackRoutes.addReports(
                FeedbackRoutes.addSubmission(AdminRoutes.builder(eventLog), feedback), reports)
                .route("GET", ADMIN_GAPS, gaps::gaps);
        documents.ifPresent(service -> DocumentRoutes.addTo(routes, service));
        return routes.build();
    }
}
