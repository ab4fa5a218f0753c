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
import org.knowledgebot.core.retrieval.Citations;

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

    /**
     * Put before the instructions when there is knowledge: the passages are numbered so that the answer can cite
     * them, and the chat page links each {@code [n]} to source n.
     */
    public static final String CITATION_RULE = "Answer from the numbered passages of the knowledge. After each "
            + "statement, cite the passage it comes from by its number in square brackets, for example [1] or [2][3]; "
            + "cite only passages you used.";
    /** Follows {@link #NO_KNOWLEDGE} when the stage names who to ask ({@code NO_ANSWER_CONTACT}). */
    public static final String CONTACT_LEAD = " Tell the user who can help instead: ";

    private final int historyTurns;
    private final int historyCharBudget;
    private final String noAnswerContact;

    public PromptAssembler(int historyTurns, int historyCharBudget) {
        this(historyTurns, historyCharBudget, "");
    }

    /** @param noAnswerContact who to ask when the documents have no answer (e.g. "call 311"); empty for none */
    public PromptAssembler(int historyTurns, int historyCharBudget, String noAnswerContact) {
        this.historyTurns = historyTurns;
        this.historyCharBudget = historyCharBudget;
        this.noAnswerContact = noAnswerContact == null ? "" : noAnswerContact.strip();
    }

    /** How the line that names the user's language starts; public so a model can spot it. */
    public static final String LANGUAGE_LINE = "\nLanguage: Answer in the language of the question. The user's page is in ";
    private static final Pattern LANGUAGE_TAG = Pattern.compile(Pattern.quote(LANGUAGE_LINE)
            + "[^(\\n]*\\(([A-Za-z0-9-]+)\\)\\.");

    public String systemPrompt(String instructions, List<Passage> knowledge) {
        return systemPrompt(instructions, knowledge, null);
    }

    /**
     * {@code Knowledge:} then each document as {@code [n] <title>} on a line and its passages' texts, numbered as
     * {@link Citations#numbered} does; then {@code Instructions:} with the {@link #CITATION_RULE} and the
     * instructions. Without knowledge: {@link #NO_KNOWLEDGE}, with the stage's contact after {@link #CONTACT_LEAD}.
     * With a {@code locale} (the language tag the user's page is in), a last line tells the model to answer in
     * the language of the question and names the page's language.
     */
    public String systemPrompt(String instructions, List<Passage> knowledge, String locale) {
        String rest = instructions == null ? "" : instructions;
        StringBuilder prompt = new StringBuilder("Knowledge:");
        if (knowledge.isEmpty()) {
            prompt.append(' ').append(NO_KNOWLEDGE).append(noAnswerContact.isEmpty() ? "" : CONTACT_LEAD + noAnswerContact)
                    .append("\nInstructions: ").append(rest);
        } else {
            List<List<Passage>> documents = Citations.numbered(knowledge);
            for (int n = 1; n <= documents.size(); n++) {
                List<Passage> passages = documents.get(n - 1);
                String title = passages.get(0).title().strip();
                prompt.append(n == 1 ? "\n" : "\n\n").append('[').append(n).append(']').append(title.isEmpty() ? "" : " " + title);
                passages.forEach(passage -> prompt.append('\n').append(passage.text().strip()));
            }
            prompt.append("\nInstructions: ").append(CITATION_RULE).append('\n').append(rest);
        }
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
