package org.knowledgebot.core.feedback;

import java.time.Clock;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.core.domain.Texts;

/** Any signed-in user rates an answer of their own conversations ({@code POST /feedback}). */
public record FeedbackService(FeedbackStore store, AnsweredTurns turns, Clock clock) {
    /** Saves the caller's rating (replacing an earlier one of the same answer); 404 when the answer is not theirs. */
    public Feedback submit(Caller caller, String body) {
        FeedbackSubmission submission = FeedbackSubmission.parse(body);
        RatedAnswer answer = turns.find(caller.userId(), submission.sessionId(), submission.messageId())
                .orElseThrow(() -> ApiProblem.notFound("No answer with this messageId in your conversation "
                        + submission.sessionId() + "; rate an answer of one of your own conversations."));
        Feedback feedback = new Feedback(caller.userId(), submission.sessionId(), submission.messageId(),
                submission.rating(), submission.category(), submission.comment(), answer.question(),
                Texts.truncate(answer.answer(), Feedback.MAX_ANSWER_CHARS), answer.sourceTitles(), clock.instant());
        store.save(feedback);
        return feedback;
    }
}
