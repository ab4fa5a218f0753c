package org.knowledgebot.core.feedback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.ApiResponse;

/** Adds the feedback routes to the admin function's routes. */
public final class FeedbackRoutes {
    public static final String FEEDBACK = "/feedback";
    public static final String ADMIN_FEEDBACK = "/admin/feedback";
    public static final String ADMIN_FEEDBACK_CSV = "/admin/feedback.csv";

    private FeedbackRoutes() {
    }

    /** {@code POST /feedback}. */
    public static AdminRoutes.Builder addSubmission(AdminRoutes.Builder routes, FeedbackService feedback) {
        return routes
                .route("POST", FEEDBACK, request -> {
                    Feedback saved = feedback.submit(request.caller(), request.body());
                    return ApiResponse.json(200, JsonNodeFactory.instance.objectNode()
                            .put("sessionId", saved.sessionId()).put("messageId", saved.messageId())
                            .put("rating", saved.rating().wireName()).put("ratedAt", saved.ratedAt().toString())
                            .toString());
                });
    }

    /** {@code GET /admin/feedback} and {@code GET /admin/feedback.csv}. */
    public static AdminRoutes.Builder addReports(AdminRoutes.Builder routes, FeedbackReports reports) {
        return routes
                .route("GET", ADMIN_FEEDBACK, reports::list)
                .route("GET", ADMIN_FEEDBACK_CSV, reports::csv);
    }
}
