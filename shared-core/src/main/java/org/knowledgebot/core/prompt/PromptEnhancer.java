package org.knowledgebot.core.prompt;

import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Rewrites a follow-up question into a standalone question (docs/ARCHITECTURE.md, "The answer path") so retrieval sees what the
 * user means ("and in Paris?" → "What is the population of Paris?"). Skipped without history; any failure or a
 * rewrite that does not look like a question falls back to the raw question, because a bad rewrite must never
 * cost the user an answer.
 */
public final class PromptEnhancer {
    static final int MAX_TOKENS = 200;
    static final List<String> STOP_SEQUENCES = List.of("?\n", "?\"\n");
    static final String INSTRUCTIONS = "You rewrite the user's last question into one short standalone question "
            + "that can be understood without the conversation. Keep the user's language. Answer with the "
            + "question only, on one line, without any explanation.";
    private static final int MAX_REWRITE_CHARS = 1_000;

    private final ChatModel rewriteModel;
    private final int historyTurns;

    public PromptEnhancer(ChatModel rewriteModel, int historyTurns) {
        this.rewriteModel = rewriteModel;
        this.historyTurns = historyTurns;
    }

    /**
     * The result of a rewrite: the question to retrieve with, whether the model produced it, and why not when
     * the rewrite model failed (null otherwise).
     */
    public record Standalone(String question, boolean rewritten, RuntimeException failure) {
        public Standalone(String question, boolean rewritten) {
            this(question, rewritten, null);
        }
    }

    public Standalone standalone(String question, List<Turn> history) {
        List<Turn> recent = window(history);
        if (recent.isEmpty()) {
            return new Standalone(question, false);
        }
        try {
            StringBuilder text = new StringBuilder();
            rewriteModel.stream(request(question, recent), text::append, new Cancellation());
            String rewrite = clean(text.toString());
            return looksLikeQuestion(rewrite) ? new Standalone(rewrite, true) : new Standalone(question, false);
        } catch (RuntimeException e) {
            return new Standalone(question, false, e);
        }
    }

    /**
     * The turns of {@code history} a rewrite reads: the last {@code historyTurns} complete ones, oldest first; empty
     * when there are none (then nothing is rewritten).
     */
    public List<Turn> window(List<Turn> history) {
        if (historyTurns == 0) {
            return List.of();
        }
        List<Turn> complete = history.stream().filter(turn -> turn.status() == TurnStatus.COMPLETE).toList();
        return complete.subList(Math.max(0, complete.size() - historyTurns), complete.size());
    }

    private static ModelRequest request(String question, List<Turn> recent) {
        List<ChatMessage> messages = new ArrayList<>(PromptAssembler.conversation(recent,
                "Follow-up question: " + question + "\nStandalone question:"));
        return new ModelRequest(INSTRUCTIONS, messages, MAX_TOKENS, 0.0, null, STOP_SEQUENCES);
    }

    /** Keeps the first non-empty line and strips the quotes and labels models like to add. */
    static String clean(String rewrite) {
        String line = rewrite.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (line.regionMatches(true, 0, "Standalone question:", 0, 20)) {
            line = line.substring(20).strip();
        }
        while (line.length() >= 2 && isQuote(line.charAt(0)) && isQuote(line.charAt(line.length() - 1))) {
            line = line.substring(1, line.length() - 1).strip();
        }
        if (!line.isEmpty() && isQuote(line.charAt(0)) && line.indexOf(line.charAt(0), 1) < 0) {
            line = line.substring(1).strip();
        }
        return line;
    }

    private static boolean looksLikeQuestion(String rewrite) {
        return !rewrite.isBlank() && rewrite.length() <= MAX_REWRITE_CHARS && rewrite.chars().anyMatch(Character::isLetterOrDigit)
                && !rewrite.contains("[INST]") && !rewrite.contains("</s>");
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '“' || c == '”' || c == '«' || c == '»' || c == '`';
    }
}
