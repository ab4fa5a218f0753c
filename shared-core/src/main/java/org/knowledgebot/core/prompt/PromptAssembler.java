package org.knowledgebot.core.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Builds what the answer model sees (docs/ARCHITECTURE.md, "The answer path"): the system prompt
 * {@code Knowledge: <passages>\nInstructions: <prompt>} (and a {@code Language:} line when the page named its
 * language) and the conversation, a window of the last turns bounded
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

    /** How the line that names the user's language starts; public so a model can spot it. */
    public static final String LANGUAGE_LINE = "\nLanguage: Answer in the language of the question. The user's page is in ";
    private static final Pattern LANGUAGE_TAG = Pattern.compile(Pattern.quote(LANGUAGE_LINE)
            + "[^(\\n]*\\(([A-Za-z0-9-]+)\\)\\.");

    public String systemPrompt(String instructions, List<Passage> knowledge) {
        return systemPrompt(instructions, knowledge, null);
    }

    /**
     * With a {@code locale} (the language tag the user's page is in), a last line tells the model to answer in
     * the language of the question and names the page's language; without one the prompt is as before.
     */
    public String systemPrompt(String instructions, List<Passage> knowledge, String locale) {
        StringBuilder prompt = new StringBuilder("Knowledge: ");
        if (knowledge.isEmpty()) {
            prompt.append(NO_KNOWLEDGE);
        } else {
            for (int i = 0; i < knowledge.size(); i++) {
                prompt.append(i == 0 ? "" : "\n").append(knowledge.get(i).text());
            }
        }
        prompt.append("\nInstructions: ").append(instructions == null ? "" : instructions);
        if (locale != null) {
            String language = Locale.forLanguageTag(locale).getDisplayLanguage(Locale.ENGLISH);
            prompt.append(LANGUAGE_LINE).append(language.isEmpty() ? locale : language).append(" (").append(locale).append(").");
        }
        return prompt.toString();
    }

    /** The language tag a system prompt built here names as the user's, if it names one. */
    public static Optional<String> userLocale(String systemPrompt) {
        Matcher matcher = LANGUAGE_TAG.matcher(systemPrompt);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
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
