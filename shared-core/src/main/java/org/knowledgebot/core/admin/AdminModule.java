package org.knowledgebot.core.admin;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;
import org.knowledgebot.core.documents.DocumentRoutes;
import org.knowledgebot.core.documents.DocumentService;
import org.knowledgebot.core.feedback.AnsweredTurns;
import org.knowledgebot.core.feedback.FeedbackReports;
import org.knowledgebot.core.feedback.FeedbackRoutes;
import org.knowledgebot.core.feedback.FeedbackService;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.gaps.GapReport;
import org.knowledgebot.core.gaps.UnsourcedAnswers;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.usage.ModelPrices;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.core.usage.UsageReport;

/**
 * The admin function's routes over its use cases ({@link FeedbackService}, {@link FeedbackReports},
 * {@link GapReport} and {@link UsageReport}) and their ports ({@link FeedbackStore}, {@link SessionStore},
 * {@link UnsourcedAnswers}, {@link UsageHistory}, and the documents' when the stage manages its documents here: an
 * empty {@code Optional<DocumentService>} leaves those routes out); the admin function's graph and the local
 * runtime's bind the adapters.
 */
@Module
public final class AdminModule {
    public static final String ADMIN_GAPS = "/admin/gaps";
    private AdminModule() {
    }

    /** The usage report, priced with the stage's {@value ModelPrices#VARIABLE} over the defaults. */
    @Provides
    @Singleton
    static UsageReport usageReport(UsageHistory history, Environment environment, Clock clock) {
        return new UsageReport(history, ModelPrices.from(environment), clock);
    }

    @Provides
    @Singleton
    static AuditLog auditLog(Clock clock) {
        return AuditLog.toStandardOutput(clock);
    }

    /**
     * The routes and the use cases behind them, which nothing else in the graph asks for; a rating names an answer
     * among the caller's own turns of the graph's session store.
     */
    @Provides
    @Singleton
    static AdminRoutes adminRoutes(EventLog eventLog, FeedbackStore store, SessionStore sessions,
                                   UnsourcedAnswers unsourced, UsageReport usage, Optional<DocumentService> documents,
                                   Clock clock) {
        FeedbackService feedback = new FeedbackService(store, AnsweredTurns.in(sessions), clock);
        AdminRoutes.Builder routes = FeedbackRoutes.addReports(
                        FeedbackRoutes.addSubmission(AdminRoutes.builder(eventLog), feedback),
                        new FeedbackReports(store))
                .route("GET", ADMIN_GAPS, new GapReport(unsourced, store, clock)::gaps)
                .route("GET", UsageReport.ROUTE, usage::usage);
        documents.ifPresent(service -> DocumentRoutes.addTo(routes, service));
        return routes.build();
    }
}
