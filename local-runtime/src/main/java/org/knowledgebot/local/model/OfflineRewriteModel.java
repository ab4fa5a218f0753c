package org.knowledgebot.local.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;

/**
 * The offline counterpart of the rewrite model. For a standalone-question request (the last user message holds
 * {@code Follow-up question: ...}) it appends to the follow-up the key terms of the previous question that the
 * follow-up lacks, so "How much does it cost?" after "How do I renew a parking permit?" retrieves with
 * "renew parking permit". For any other request (a session title) it answers with the message's first key terms.
 */
public final class OfflineRewriteModel implements ChatModel {
    static final String FOLLOW_UP = "Follow-up question:";
    static final String STANDALONE = "Standalone question:";
    private static final int TITLE_TERMS = 6;

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, Usage.NONE);
        }
        List<String> userMessages = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER).map(ChatMessage::text).toList();
        String last = userMessages.isEmpty() ? "" : userMessages.get(userMessages.size() - 1);
        int marker = last.lastIndexOf(FOLLOW_UP);
        String answer;
        if (marker < 0) {
            answer = title(last);
        } else {
            String before = last.substring(0, marker).strip();
            String previous = !before.isEmpty() ? before
                    : userMessages.size() >= 2 ? userMessages.get(userMessages.size() - 2) : "";
            answer = expand(followUp(last.substring(marker + FOLLOW_UP.length())), previous);
        }
        listener.onDelta(answer);
        return new Completion("end_turn", new Usage(wordCount(last), wordCount(answer)));
    }

    static String expand(String followUp, String previousQuestion) {
        Set<String> present = new HashSet<>();
        KeyTerms.of(followUp).forEach(term -> present.add(KeyTerms.stem(term)));
        List<String> missing = new ArrayList<>();
        for (String term : KeyTerms.of(previousQuestion)) {
            if (present.add(KeyTerms.stem(term))) {
                missing.add(term);
            }
        }
        return missing.isEmpty() ? followUp : followUp + " (" + String.join(" ", missing) + ")";
    }

    private static String followUp(String afterMarker) {
        int end = afterMarker.indexOf(STANDALONE);
        return (end < 0 ? afterMarker : afterMarker.substring(0, end)).strip();
    }

    private static String title(String message) {
        List<String> terms = KeyTerms.of(message);
        if (terms.isEmpty()) {
            return message.strip();
        }
        String title = String.join(" ", terms.subList(0, Math.min(TITLE_TERMS, terms.size())));
        return Character.toUpperCase(title.charAt(0)) + title.substring(1);
    }

    private static int wordCount(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
