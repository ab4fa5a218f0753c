package org.knowledgebot.local.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * An answer model that needs no model server: it quotes the sentences of the system prompt's {@code Knowledge:}
 * section that share the most key terms with the question, under a label that says plainly what it is, and
 * streams that text in small deltas. {@code pace} is the pause between deltas (zero in tests and benchmarks).
 */
public final class OfflineAnswerModel implements ChatModel {
    public static final String LABEL = "Offline answer model — excerpts from your documents:";
    public static final String NOTHING_FOUND = "Offline answer model — I found nothing in your documents that answers "
            + "this question. Try other words, or add a document about it to the knowledge folder.";
    /**
     * LABEL and NOTHING_FOUND in the languages of the page, by primary language subtag; the excerpts stay in
     * the documents' language, and the label says so.
     */
    private static final Map<String, Map<String, String>> IN_USERS_LANGUAGE = Map.of("es", Map.of(
            LABEL, "Modelo de respuesta sin conexión — cito sus documentos en el idioma en que están escritos:",
            NOTHING_FOUND, "Modelo de respuesta sin conexión — no encontré nada en sus documentos que responda a esta "
                    + "pregunta. Pruebe con otras palabras, en el idioma de los documentos, o añada un documento sobre "
                    + "el tema a la carpeta de conocimientos."));
    private static final int MAX_EXCERPTS = 4;
    private static final int WORDS_PER_DELTA = 2;
    private static final Pattern KNOWLEDGE = Pattern.compile("(?s)Knowledge:(.*?)(?:\\nInstructions:|\\z)");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?");
    private static final Pattern NUMBER_QUESTION = Pattern.compile(
            "(?i)\\b(how much|how many|how long|how often|when|what time|cost|costs|fee|fees|price|hours?|open)\\b");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern LIST_MARKER = Pattern.compile("^([-*+]|\\d+[.)])\\s+");
    private static final Pattern WORD_WITH_SPACE = Pattern.compile("\\S+\\s*");

    private final Duration pace;

    public OfflineAnswerModel(Duration pace) {
        this.pace = pace;
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        List<String> userMessages = request.messages().stream()
                .filter(message -> message.role() == ChatMessage.Role.USER).map(ChatMessage::text).toList();
        String question = userMessages.isEmpty() ? "" : userMessages.get(userMessages.size() - 1);
        String earlier = String.join("\n", userMessages.subList(0, Math.max(0, userMessages.size() - 1)));
        String answer = inUsersLanguage(compose(knowledgeOf(request.system()), question, earlier), request.system());
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
        String head = answer.startsWith(LABEL) ? LABEL : answer;
        return lines.containsKey(head) ? lines.get(head) + answer.substring(head.length()) : answer;
    }

    /**
     * Picks the knowledge statements (sentences, list items, table rows) that best match the question: each
     * shared key term counts by its rarity among the statements, terms of the user's earlier questions count
     * half, so a follow-up ("how do I renew it?") prefers the topic of the conversation. A statement must share
     * a term with the question itself unless the question has almost no key terms of its own ("and then?").
     */
    static String compose(String knowledge, String question, String earlierQuestions) {
        if (knowledge.strip().equals(PromptAssembler.NO_KNOWLEDGE)) {
            return NOTHING_FOUND;
        }
        List<String> statements = statements(knowledge);
        List<Set<String>> statementStems = statements.stream().map(OfflineAnswerModel::stems).toList();
        Map<String, Integer> documentFrequency = new HashMap<>();
        statementStems.forEach(set -> set.forEach(stem -> documentFrequency.merge(stem, 1, Integer::sum)));
        Set<String> questionStems = stems(question);
        Set<String> earlierStems = stems(earlierQuestions);
        earlierStems.removeAll(questionStems);
        boolean bareFollowUp = questionStems.size() < 2 && !earlierStems.isEmpty();
        boolean asksForNumber = NUMBER_QUESTION.matcher(question).find();
        record Scored(String statement, double score, int position) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            double own = weight(statementStems.get(i), questionStems, documentFrequency, statements.size());
            double context = weight(statementStems.get(i), earlierStems, documentFrequency, statements.size());
            if (own > 0 || (bareFollowUp && context > 0)) {
                // A question about an amount, a date or opening hours is best answered by a statement with a number.
                double answerShape = asksForNumber && DIGIT.matcher(statements.get(i)).find() ? 0.5 : 0;
                scored.add(new Scored(statements.get(i), own + context / 2 + answerShape, i));
            }
        }
        if (scored.isEmpty()) {
            return NOTHING_FOUND;
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::position));
        StringBuilder answer = new StringBuilder(LABEL).append("\n\n");
        scored.stream().limit(MAX_EXCERPTS).forEach(s -> answer.append("- ").append(s.statement()).append('\n'));
        return answer.toString().stripTrailing();
    }

    /**
     * The knowledge cut into statements: prose (hard-wrapped lines joined) split into sentences, list items,
     * and table rows as "first cell: other cells"; headings and table header rows are dropped.
     */
    static List<String> statements(String knowledge) {
        List<String> statements = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        boolean previousWasTableRow = false;
        for (String raw : knowledge.split("\n")) {
            String line = raw.strip();
            boolean tableLine = line.startsWith("|") || TABLE_SEPARATOR.matcher(line).matches();
            boolean listItem = LIST_MARKER.matcher(line).find();
            if (line.isEmpty() || line.startsWith("#") || tableLine || listItem) {
                addSentences(prose, statements);
            }
            if (TABLE_SEPARATOR.matcher(line).matches()) {
                if (previousWasTableRow) {
                    statements.remove(statements.size() - 1);
                }
                previousWasTableRow = false;
                continue;
            }
            previousWasTableRow = false;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (tableLine) {
                String row = tableRow(line);
                if (!row.isEmpty() && !statements.contains(row)) {
                    statements.add(row);
                    previousWasTableRow = true;
                }
                continue;
            }
            prose.append(prose.length() == 0 ? "" : " ").append(listItem ? LIST_MARKER.matcher(line).replaceFirst("") : line);
        }
        addSentences(prose, statements);
        return statements;
    }

    private static void addSentences(StringBuilder prose, List<String> statements) {
        for (String sentence : SENTENCE_END.split(prose)) {
            String trimmed = sentence.strip();
            if (!trimmed.isEmpty() && !statements.contains(trimmed)) {
                statements.add(trimmed);
            }
        }
        prose.setLength(0);
    }

    private static String tableRow(String line) {
        List<String> cells = Arrays.stream(line.replaceAll("^\\||\\|$", "").split("\\|"))
                .map(String::strip).filter(cell -> !cell.isEmpty()).toList();
        if (cells.isEmpty()) {
            return "";
        }
        return cells.size() == 1 ? cells.get(0) : cells.get(0) + ": " + String.join(", ", cells.subList(1, cells.size()));
    }

    private static double weight(Set<String> statement, Set<String> terms, Map<String, Integer> documentFrequency, int statements) {
        double weight = 0;
        for (String term : terms) {
            if (statement.contains(term)) {
                weight += Math.log(1.0 + (double) statements / documentFrequency.get(term));
            }
        }
        return weight;
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
