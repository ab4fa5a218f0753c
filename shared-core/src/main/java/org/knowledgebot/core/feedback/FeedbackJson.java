package org.knowledgebot.core.feedback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowledgebot.core.observability.UserHash;

/** The admin list's JSON: the user appears only as the hash the logs use. */
final class FeedbackJson {
    private FeedbackJson() {
    }

    static String page(FeedbackPage page) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        var items = json.putArray("items");
        for (Feedback feedback : page.items()) {
            ObjectNode item = items.addObject();
            item.put("ratedAt", feedback.ratedAt().toString());
            item.put("rating", feedback.rating().wireName());
            feedback.category().ifPresentOrElse(category -> item.put("category", category.wireName()),
                    () -> item.putNull("category"));
            item.put("comment", feedback.comment());
            item.put("question", feedback.question());
            item.put("answer", feedback.answer());
            var sources = item.putArray("sources");
            feedback.sourceTitles().forEach(sources::add);
            item.put("sessionId", feedback.sessionId());
            item.put("messageId", feedback.messageId());
            item.put("userHash", UserHash.of(feedback.userId()));
        }
        page.nextCursor().ifPresentOrElse(cursor -> json.put("nextCursor", cursor), () -> json.putNull("nextCursor"));
        return json.toString();
    }
}
