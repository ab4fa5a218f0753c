package org.knowledgebot.core.feedback;

import java.util.List;
import org.knowledgebot.core.observability.UserHash;

/**
 * Feedback as CSV (RFC 4180: CRLF line ends, every field quoted, quotes doubled). A cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} gets a leading {@code '}, so a spreadsheet shows a user's text as text
 * instead of running it as a formula.
 */
public final class FeedbackCsv {
    static final List<String> HEADER = List.of("ratedAt", "rating", "category", "comment", "question", "answer",
            "sources", "sessionId", "messageId", "userHash");

    private FeedbackCsv() {
    }

    public static void appendHeader(StringBuilder out) {
        appendRow(out, HEADER);
    }

    public static void append(StringBuilder out, Feedback feedback) {
        appendRow(out, List.of(feedback.ratedAt().toString(), feedback.rating().wireName(),
                feedback.category().map(FeedbackCategory::wireName).orElse(""), feedback.comment(),
                feedback.question(), feedback.answer(), String.join("; ", feedback.sourceTitles()),
                feedback.sessionId(), feedback.messageId(), UserHash.of(feedback.userId())));
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(neutralized(cells.get(i)).replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }

    static String neutralized(String cell) {
        if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
