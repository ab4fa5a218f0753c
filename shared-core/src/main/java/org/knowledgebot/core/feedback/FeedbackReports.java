package org.knowledgebot.core.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;

/** Operators list the ratings ({@code GET /admin/feedback}) and download them ({@code GET /admin/feedback.csv}). */
public record FeedbackReports(FeedbackStore store) {
    /** The CSV holds at most this many rows (newest first), so one download cannot run a function out of time. */
    static final int MAX_CSV_ROWS = 10_000;

    public ApiResponse list(ApiRequest request) {
        return ApiResponse.json(200, FeedbackJson.page(listPage(request)));
    }

    private FeedbackPage listPage(ApiRequest request) {
        try {
            return store.list(query(request, pageLimit(request)));
        } catch (IllegalArgumentException e) {
            // The store refuses a cursor it did not make; the 400 says what to do.
            throw ApiProblem.badRequest("cursor is not one this list returned; start again without it.");
        }
    }

    public ApiResponse csv(ApiRequest request) {
        StringBuilder out = new StringBuilder();
        FeedbackCsv.appendHeader(out);
        FeedbackQuery query = query(request, FeedbackQuery.MAX_LIMIT);
        int rows = 0;
        while (rows < MAX_CSV_ROWS) {
            FeedbackPage page = store.list(query);
            for (Feedback feedback : page.items()) {
                if (rows++ < MAX_CSV_ROWS) {
                    FeedbackCsv.append(out, feedback);
                }
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.after(page.nextCursor().get());
        }
        return new ApiResponse(200, "text/csv; charset=utf-8",
                Map.of("Content-Disposition", "attachment; filename=\"feedback.csv\""), out.toString());
    }

    private static FeedbackQuery query(ApiRequest request, int limit) {
        Optional<Rating> rating = request.queryValue("rating").map(value -> Rating.fromWire(value)
                .orElseThrow(() -> ApiProblem.badRequest("rating must be \"up\" or \"down\".")));
        return new FeedbackQuery(rating, since(request), request.queryValue("cursor"), limit);
    }

    private static int pageLimit(ApiRequest request) {
        Optional<String> limit = request.queryValue("limit");
        if (limit.isEmpty()) {
            return FeedbackQuery.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.get());
            if (value >= 1 && value <= FeedbackQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + FeedbackQuery.MAX_LIMIT + ".");
    }

    /** {@code since} as an instant ({@code 2026-12-01T08:00:00Z}) or a UTC day ({@code 2026-12-01}). */
    public static Optional<Instant> since(ApiRequest request) {
        Optional<String> since = request.queryValue("since");
        if (since.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(since.get().length() == 10
                    ? LocalDate.parse(since.get()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since.get()));
        } catch (DateTimeParseException e) {
            // The 400 shows both accepted forms; the parser's message would only quote the input.
            throw ApiProblem.badRequest("since must be a day (2026-12-01) or an instant (2026-12-01T08:00:00Z).");
        }
    }
}
