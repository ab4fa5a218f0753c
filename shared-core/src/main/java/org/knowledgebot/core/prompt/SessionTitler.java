package org.knowledgebot.core.prompt;

import java.util.List;
import org.knowledgebot.core.domain.Texts;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ModelRequest;

/**
 * Names a new session after its first question: a short model call (at most 25 tokens, temperature 0), or the
 * first words of the question when the model fails or answers nothing usable.
 */
public final class SessionTitler {
    static final int MAX_TOKENS = 25;
    static final int MAX_TITLE_CHARS = 60;
    static final String INSTRUCTIONS = "Write a title of at most six words for a conversation that starts with "
            + "the user's question. Answer with the title only, without quotes.";

    private final ChatModel model;

    public SessionTitler(ChatModel model) {
        this.model = model;
    }

    public String title(String question) {
        try {
            StringBuilder text = new StringBuilder();
            model.stream(new ModelRequest(INSTRUCTIONS, List.of(ChatMessage.user(question)), MAX_TOKENS, 0.0, null,
                    List.of()), text::append, new Cancellation());
            String title = shorten(PromptEnhancer.clean(text.toString()));
            return title.chars().anyMatch(Character::isLetterOrDigit) ? title : firstWords(question);
        } catch (RuntimeException e) {
            // A title is cosmetic: the first words serve, and the answer's own failures are logged with the answer.
            return firstWords(question);
        }
    }

    /** The question's first words, whole words only, at most {@value #MAX_TITLE_CHARS} characters. */
    public static String firstWords(String question) {
        return shorten(question.strip().replaceAll("\\s+", " "));
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_TITLE_CHARS) {
            return text;
        }
        int lastSpace = text.lastIndexOf(' ', MAX_TITLE_CHARS);
        return Texts.truncate(text, lastSpace > 0 ? lastSpace : MAX_TITLE_CHARS).strip();
    }
}
