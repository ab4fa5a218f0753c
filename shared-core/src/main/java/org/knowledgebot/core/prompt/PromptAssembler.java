package org.knowledgebot.core.prompt;

import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.ChatMessage;

/**
 * Builds what the answer model sees (DESIGN section 2.5): the system prompt
 * {@code Knowledge: <passages>\nInstructions: <prompt>} and the conversation, a window of the last turns bounded
 * by a character budget, in messages that alternate user/assistant and start and end with the user.
 */
public final class PromptAssembler {
    /** The {@code Knowledge:} text when no passage passed the confidence filter; public so a model can spot it. */
    public static final String NO_KNOWLEDGE = "No passage of the knowledge base matched this question. Say that you "
            + "could not find the answer in the documents; do not invent facts.";

    private final int historyTurns;
    private final int historyCharBudget;

    public PromptAssembler(int historyTurns, int historyCharBudget) {
        this.historyTurns = historyTurns;
        this.historyCharBudget = historyCharBudget;
    }

    public String systemPrompt(String instructions, List<Passage> knowledge) {
        StringBuilder prompt = new StringBuilder("Knowledge: ");
        if (knowledge.isEmpty()) {
            prompt.append(NO_KNOWLEDGE);
        } else {
            for (int i = 0; i < knowledge.size(); i++) {
                prompt.append(i == 0 ? "" : "\n").append(knowledge.get(i).text());
            }
        }
        return prompt.append("\nInstructions: ").append(instructions == null ? "" : instructions).toString();
    }

    /** The history window followed by {@code question}; only COMPLETE turns count as history. */
    public List<ChatMessage> messages(List<Turn> history, String question) {
        return alternating(window(history), question);
    }

    /** The last {@code historyTurns} complete turns, dropping the oldest until they fit the character budget. */
    public List<Turn> window(List<Turn> history) {
        List<Turn> complete = history.stream().filter(turn -> turn.status() == TurnStatus.COMPLETE).toList();
        List<Turn> window = new ArrayList<>(complete.subList(Math.max(0, complete.size() - historyTurns),
                complete.size()));
        long chars = window.stream().mapToLong(turn -> turn.user().length() + turn.chatbot().length()).sum();
        while (!window.isEmpty() && chars > historyCharBudget) {
            Turn oldest = window.remove(0);
            chars -= oldest.user().length() + oldest.chatbot().length();
        }
        return window;
    }

    /**
     * Turns stored history plus the question into messages the Messages API accepts whatever the history looks
     * like: empty texts are dropped, neighbours of the same role are merged, leading assistant text is dropped,
     * and the question is the last user message.
     */
    public static List<ChatMessage> alternating(List<Turn> turns, String question) {
        List<ChatMessage> raw = new ArrayList<>();
        for (Turn turn : turns) {
            raw.add(ChatMessage.user(turn.user()));
            raw.add(ChatMessage.assistant(turn.chatbot()));
        }
        raw.add(ChatMessage.user(question));
        return alternating(raw);
    }

    /** Normalizes any message list as {@link #alternating(List, String)} does. */
    public static List<ChatMessage> alternating(List<ChatMessage> messages) {
        List<ChatMessage> result = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.text().isBlank() || (result.isEmpty() && message.role() == ChatMessage.Role.ASSISTANT)) {
                continue;
            }
            int last = result.size() - 1;
            if (last >= 0 && result.get(last).role() == message.role()) {
                result.set(last, new ChatMessage(message.role(), result.get(last).text() + "\n\n" + message.text()));
            } else {
                result.add(message);
            }
        }
        while (!result.isEmpty() && result.get(result.size() - 1).role() == ChatMessage.Role.ASSISTANT) {
            result.remove(result.size() - 1);
        }
        return result;
    }
}
