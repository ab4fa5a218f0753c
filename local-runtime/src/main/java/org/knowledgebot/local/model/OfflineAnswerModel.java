package org.knowledgebot.local.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelRequest;

/**
 * An answer model that needs no model server: it quotes the sentences of the system prompt's {@code Knowledge:}
 * section that share the most key terms with the question, under a label that says plainly what it is, and
 * streams that text in small deltas. {@code pace} is the pause between deltas (zero in tests and benchmarks).
 */
public final class OfflineAnswerModel implements ChatModel {
    public static final String LABEL = "Offline answer model — excerpts from your documents:";
    public static final String NOTHING_FOUND = "Offline answer model — I found nothing in your documents that answers "
            + "this question. Try other words, or add a document about it to the knowledge folder.";
    private static final int MAX_EXCERPTS = 4;
    private static final int WORDS_PER_DELTA = 2;
    private static final Pattern KNOWLEDGE = Pattern.compile("(?s)Knowledge:(.*?)(?:\\nInstructions:|\\z)");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern WORD_WITH_SPACE = Pattern.compile("\\S+\\s*");
    /** How shared-core's PromptAssembler says that nothing passed the confidence filter. */
    private static final String NO_KNOWLEDGE_PREFIX = "No passage of the knowledge base matched";

    private final Duration pace;

    public OfflineAnswerModel(Duration pace) {
        this.pace = pace;
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        String knowledge = knowledgeOf(request.system());
        String answer = compose(knowledge, lastUserMessage(request.messages()));
        if (answer.equals(NOTHING_FOUND) && request.messages().size() > 1) {
            // A follow-up such as "and on weekends?" shares no words with the documents; the conversation does.
            answer = compose(knowledge, request.messages().stream().map(ChatMessage::text).collect(Collectors.joining("\n")));
        }
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

    static String compose(String knowledge, String question) {
        if (knowledge.strip().startsWith(NO_KNOWLEDGE_PREFIX)) {
            return NOTHING_FOUND;
        }
        Set<String> questionStems = stems(question);
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(knowledge)) {
            String trimmed = sentence.strip();
            if (!trimmed.isEmpty() && !sentences.contains(trimmed)) {
                sentences.add(trimmed);
            }
        }
        record Scored(String sentence, int overlap, int position) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> shared = stems(sentences.get(i));
            shared.retainAll(questionStems);
            if (!shared.isEmpty()) {
                scored.add(new Scored(sentences.get(i), shared.size(), i));
            }
        }
        if (scored.isEmpty()) {
            return NOTHING_FOUND;
        }
        scored.sort(Comparator.comparingInt(Scored::overlap).reversed().thenComparingInt(Scored::position));
        StringBuilder answer = new StringBuilder(LABEL).append("\n\n");
        scored.stream().limit(MAX_EXCERPTS).forEach(s -> answer.append("- ").append(s.sentence()).append('\n'));
        return answer.toString().stripTrailing();
    }

    private boolean await(CountDownLatch cancelled) {
        try {
            return cancelled.await(pace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String knowledgeOf(String system) {
        Matcher matcher = KNOWLEDGE.matcher(system);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String lastUserMessage(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        KeyTerms.of(text).forEach(term -> stems.add(KeyTerms.stem(term)));
        return stems;
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
