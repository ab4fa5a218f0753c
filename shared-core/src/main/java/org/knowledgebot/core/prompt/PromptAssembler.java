package org.knowledgebot.core.prompt;

import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Builds what the answer model sees (docs/ARCHITECTURE.md, "The answer path"): the system prompt
 * {@code Knowledge: <passages>\nInstructions: <prompt>} and the conversation, a window of the last turns bounded
 * by a character budget, then the question.
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
        return conversation(window(history), question);
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
     * The turns as user/assistant messages followed by {@code question}. {@link ModelRequest} normalizes them
     * (empty texts dropped, neighbours of the same role merged), whatever the stored history looks like.
     */
    public static List<ChatMessage> conversation(List<Turn> turns, String question) {
        List<ChatMessage> messages = new ArrayList<>();
        for (Turn turn : turns) {
            messages.add(ChatMessage.user(turn.user()));
            messages.add(ChatMessage.assistant(turn.chatbot()));
        }
        messages.add(ChatMessage.user(question));
        return messages;
    }
}
