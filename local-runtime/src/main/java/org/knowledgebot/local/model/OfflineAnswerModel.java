package org.knowledgebot.local.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.prompt.PromptAssembler;

/**
 * An answer model that needs no model server: it quotes the whole sentences of the system prompt's numbered
 * {@code Knowledge:} passages that answer the question best ({@link ExtractiveAnswer}), each followed by its
 * citation {@code [n]}, under a label that says plainly what it is, and streams that text in small deltas. {@code pace} is the pause between deltas (zero in tests and benchmarks).
 */
public final class OfflineAnswerModel implements ChatModel {
    public static final String LABEL = "Offline answer model — excerpts from your documents:";
    public static final String NOTHING_FOUND = "Offline answer model — your documents do not cover this question, so I "
            + "cannot answer it from them. Try other words, or add a document about it to the knowledge folder.";
    /**
     * LABEL and NOTHING_FOUND in the languages of the page, by primary language subtag; the excerpts stay in
     * the documents' language, and the label says so.
     */
    private static final Map<String, Map<String, String>> IN_USERS_LANGUAGE = Map.of("es", Map.of(
            LABEL, "Modelo de respuesta sin conexión — cito sus documentos en el idioma en que están escritos:",
            NOTHING_FOUND, "Modelo de respuesta sin conexión — sus documentos no tratan esta pregunta, así que no puedo "
                    + "responderla con ellos. Pruebe con otras palabras, en el idioma de los documentos, o añada un "
                    + "documento sobre el tema a la carpeta de conocimientos."));
    private static final int WORDS_PER_DELTA = 2;
    private static final Pattern WORD_WITH_SPACE = Pattern.compile("\\S+\\s*");

    private final Duration pace;
    private final ExtractiveAnswer answers;

    /**
     * @param relevance ranks the statements it may quote by their meaning's closeness to the question
     * @param questionParts most parts a question asking several things is answered as, as retrieval reads it
     *     (QUESTION_PARTS, {@code ChatSettings.questionParts()}); 1 answers every question whole
     */
    public OfflineAnswerModel(Duration pace, Relevance relevance, int questionParts) {
        this.pace = pace;
        this.answers = new ExtractiveAnswer(relevance, questionParts);
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        List<String> userMessages = request.messages().stream()
                .filter(message -> message.role() == ChatMessage.Role.USER).map(ChatMessage::text).toList();
        String question = userMessages.isEmpty() ? "" : userMessages.get(userMessages.size() - 1);
        String previous = userMessages.size() < 2 ? "" : userMessages.get(userMessages.size() - 2);
        String answer = inUsersLanguage(compose(KnowledgePassages.section(request.system()), question, previous),
                request.system());
        int inputTokens = wordCount(request.system()) + request.messages().stream().mapToInt(m -> wordCount(m.text())).sum();
        CountDownLatch cancelled = new CountDownLatch(1);
        cancellation.onCancel(cancelled::countDown);
        List<String> deltas = deltas(answer);
        int sent = 0;
        for (String delta : deltas) {
            if (cancellation.isCancelled()) {
                return new Completion(Completion.CANCELLED, new Usage(inputTokens, sent));
            }
            if (sent >= request.maxTokens()) {
                return new Completion("max_tokens", new Usage(inputTokens, sent));
            }
            if (sent > 0 && !pace.isZero() && await(cancelled)) {
                return new Completion(Completion.CANCELLED, new Usage(inputTokens, sent));
            }
            listener.onDelta(delta);
            sent++;
        }
        return new Completion("end_turn", new Usage(inputTokens, sent));
    }

    /** The label (or NOTHING_FOUND) in the language the system prompt names as the user's, when there is one. */
    private static String inUsersLanguage(String answer, String system) {
        Map<String, String> lines = PromptAssembler.userLocale(system)
                .map(tag -> IN_USERS_LANGUAGE.get(tag.split("-")[0].toLowerCase(Locale.ROOT))).orElse(Map.of());
        String head = answer.startsWith(LABEL) ? LABEL : answer.startsWith(NOTHING_FOUND) ? NOTHING_FOUND : answer;
        return lines.containsKey(head) ? lines.get(head) + answer.substring(head.length()) : answer;
    }

    /**
     * The answer to {@code question} from the knowledge section: the {@link ExtractiveAnswer} quotes, each followed by
     * its passage's citation {@code [n]}, or {@link #NOTHING_FOUND} when the documents have nothing on it.
     */
    String compose(String knowledge, String question, String previousQuestion) {
        if (knowledge.strip().startsWith(PromptAssembler.NO_KNOWLEDGE)) {
            int lead = knowledge.indexOf(PromptAssembler.CONTACT_LEAD);
            String contact = lead < 0 ? "" : knowledge.substring(lead + PromptAssembler.CONTACT_LEAD.length()).strip();
            return contact.isEmpty() ? NOTHING_FOUND
                    : NOTHING_FOUND + "\n\nWho can help: " + contact + (contact.matches(".*[.!?]$") ? "" : ".");
        }
        List<ExtractiveAnswer.Quote> quotes = answers.choose(KnowledgePassages.of(knowledge), question, previousQuestion);
        if (quotes.isEmpty()) {
            return NOTHING_FOUND;
        }
        StringBuilder answer = new StringBuilder(LABEL).append("\n\n");
        quotes.forEach(quote -> answer.append("- ").append(quote.text()).append(" [").append(quote.passage()).append("]\n"));
        return answer.toString().stripTrailing();
    }

    private boolean await(CountDownLatch cancelled) {
        try {
            return cancelled.await(pace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Interrupted while pacing: treated as a cancelled answer, the interrupt kept.
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static List<String> deltas(String answer) {
        List<String> deltas = new ArrayList<>();
        Matcher words = WORD_WITH_SPACE.matcher(answer);
        StringBuilder delta = new StringBuilder();
        int inDelta = 0;
        while (words.find()) {
            delta.append(words.group());
            if (++inDelta == WORDS_PER_DELTA) {
                deltas.add(delta.toString());
                delta.setLength(0);
                inDelta = 0;
            }
        }
        if (delta.length() > 0) {
            deltas.add(delta.toString());
        }
        return deltas;
    }

    private static int wordCount(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
