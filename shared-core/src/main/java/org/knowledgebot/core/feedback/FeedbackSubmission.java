package org.knowledgebot.core.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.JsonBodies;
import org.knowledgebot.core.domain.SessionIds;

/** A parsed, valid {@code POST /feedback} body; every way it can be wrong is a 400 with a message. */
public record FeedbackSubmission(String sessionId, String messageId, Rating rating,
                                 Optional<FeedbackCategory> category, String comment) {
    public static FeedbackSubmission parse(String body) {
        JsonNode json = JsonBodies.object(body, "Send a JSON object {\"sessionId\",\"messageId\","
                + "\"rating\":\"up\"|\"down\",\"category\",\"comment\"}.");
        String sessionId = JsonBodies.text(json, "sessionId");
        if (!SessionIds.isValid(sessionId)) {
            throw ApiProblem.badRequest("sessionId must be the id of one of your conversations.");
        }
        String messageId = JsonBodies.text(json, "messageId");
        if (!SessionIds.isValid(messageId)) {
            throw ApiProblem.badRequest("messageId must be the messageId of the answer's start frame.");
        }
        Rating rating = Rating.fromWire(JsonBodies.text(json, "rating"))
                .orElseThrow(() -> ApiProblem.badRequest("rating must be \"up\" or \"down\"."));
        String categoryName = JsonBodies.text(json, "category");
        Optional<FeedbackCategory> category = Optional.empty();
        if (categoryName != null && !categoryName.isEmpty()) {
            category = Optional.of(FeedbackCategory.fromWire(categoryName).orElseThrow(() -> ApiProblem.badRequest(
                    "category must be one of " + FeedbackCategory.WIRE_NAMES + ".")));
        }
        if (rating == Rating.DOWN && category.isEmpty()) {
            throw ApiProblem.badRequest("A down rating needs a category: " + FeedbackCategory.WIRE_NAMES + ".");
        }
        if (rating == Rating.UP && category.isPresent()) {
            throw ApiProblem.badRequest("category is only for a down rating; leave it out for \"up\".");
        }
        String comment = JsonBodies.text(json, "comment");
        comment = comment == null ? "" : comment.strip();
        if (comment.length() > Feedback.MAX_COMMENT_CHARS) {
            throw ApiProblem.badRequest("comment is " + comment.length() + " characters; at most "
                    + Feedback.MAX_COMMENT_CHARS + " are kept. Shorten it and send again.");
        }
        return new FeedbackSubmission(sessionId, messageId, rating, category, comment);
    }
}
