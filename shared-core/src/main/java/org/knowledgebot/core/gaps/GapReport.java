package org.knowledgebot.core.gaps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackPage;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.FeedbackReports;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.feedback.Rating;

/**
 * {@code GET /admin/gaps?since=}: what the documents do not answer well, the questions answered with no source or
 * rated 👎, grouped by their {@link QuestionWording normalized wording}, most asked first.
 */
public record GapReport(UnsourcedAnswers unsourced, FeedbackStore feedback, Clock clock) {
    /** Without {@code since}: the last 30 days. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Questions read from each source at most, so one report cannot run the function out of time. */
    static final int MAX_READ = 5_000;
    /** Groups in one answer. */
    static final int MAX_GAPS = 100;

    public ApiResponse gaps(ApiRequest request) {
        Instant since = FeedbackReports.since(request).orElse(clock.instant().minus(DEFAULT_PERIOD));
        Map<String, Gap> gaps = new LinkedHashMap<>();
        for (AskedQuestion question : unsourced.since(since, MAX_READ)) {
            gap(gaps, question).unsourced++;
        }
        for (AskedQuestion question : ratedDown(since)) {
            gap(gaps, question).ratedDown++;
        }
        List<Gap> ranked = new ArrayList<>(gaps.values());
        ranked.sort(Comparator.comparingInt(Gap::count).reversed().thenComparing(Gap::lastAskedAt, Comparator.reverseOrder()));
        return ApiResponse.json(200, json(since, ranked.subList(0, Math.min(MAX_GAPS, ranked.size()))));
    }

    private List<AskedQuestion> ratedDown(Instant since) {
        List<AskedQuestion> questions = new ArrayList<>();
        FeedbackQuery query = new FeedbackQuery(Optional.of(Rating.DOWN), Optional.of(since), Optional.empty(),
                FeedbackQuery.MAX_LIMIT);
        while (questions.size() < MAX_READ) {
            FeedbackPage page = feedback.list(query);
            for (Feedback rated : page.items()) {
                if (!rated.question().isBlank()) {
                    questions.add(new AskedQuestion(rated.question(), rated.ratedAt()));
                }
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.after(page.nextCursor().get());
        }
        return questions;
    }

    private static Gap gap(Map<String, Gap> gaps, AskedQuestion question) {
        Gap gap = gaps.computeIfAbsent(QuestionWording.normalized(question.question()), key -> new Gap());
        if (gap.lastAskedAt == null || question.askedAt().isAfter(gap.lastAskedAt)) {
            gap.lastAskedAt = question.askedAt();
            gap.question = question.question();
        }
        return gap;
    }

    private static String json(Instant since, List<Gap> gaps) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("since", since.toString());
        ArrayNode items = json.putArray("gaps");
        for (Gap gap : gaps) {
            items.addObject().put("question", gap.question).put("count", gap.count())
                    .put("unsourced", gap.unsourced).put("ratedDown", gap.ratedDown)
                    .put("lastAskedAt", gap.lastAskedAt.toString());
        }
        return json.toString();
    }

    /** One wording: its latest form, how often it went unanswered or was rated 👎, and when last. */
    private static final class Gap {
        private String question;
        private Instant lastAskedAt;
        private int unsourced;
        private int ratedDown;

        int count() {
            return unsourced + ratedDown;
        }

        Instant lastAskedAt() {
            return lastAskedAt;
        }
    }
}
