package org.knowledgebot.local.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.knowledgebot.local.text.Statement;
import org.knowledgebot.local.text.Statements;

/**
 * Chooses the statements of the numbered knowledge passages that answer a question. Each statement is scored by
 * its similarity in meaning to the question ({@link Relevance}), a little more for sharing the question's rare key
 * terms and, for "how much / when" questions, for holding a number, and a little less the further down its passage
 * was ranked. The best statement is kept with those scoring close to it (at most {@link #MAX_STATEMENTS}); they are
 * given passage by passage, the passage of the best statement first, each followed by its passage's citation.
 */
final class ExtractiveAnswer {
    static final int MAX_STATEMENTS = 3;
    /** How far below the best statement another may score and still be quoted. */
    static final double CLOSE_TO_BEST = 0.10;
    static final double RANK_PENALTY = 0.03;
    /** In a conversation, how much the question read together with the previous one counts. */
    static final double CONVERSATION_WEIGHT = 0.3;
    static final double KEY_TERM_WEIGHT = 0.02;
    static final double NUMBER_BONUS = 0.05;
    /** Below this similarity a statement sharing no key term with the question is not about it at all. */
    static final double MIN_SIMILARITY = 0.25;
    private static final Pattern NUMBER_QUESTION = Pattern.compile(
            "(?i)\\b(how much|how many|how long|how often|when|what time|cost|costs|fee|fees|price|hours?|open|deadline)\\b");
    private static final Pattern DIGIT = Pattern.compile("\\d");

    private final Relevance relevance;

    ExtractiveAnswer(Relevance relevance) {
        this.relevance = relevance;
    }

    record Quote(int passage, String text) {
    }

    private record Candidate(int passage, int position, Statement statement, String title, double score) {
    }

    /**
     * The quotes answering {@code question}, in the order to give them; empty when no statement relates to it.
     * A question with fewer than two key terms of its own ("and the second half?") is read together with the
     * user's previous question; any other question of a conversation partly ({@link #CONVERSATION_WEIGHT}).
     */
    List<Quote> choose(KnowledgePassages knowledge, String question, String previousQuestion) {
        Set<String> questionStems = stems(question);
        boolean inConversation = !previousQuestion.isBlank();
        boolean followUp = questionStems.size() < 2 && inConversation;
        String withPrevious = question + " (" + previousQuestion + ")";
        Set<String> termStems = new HashSet<>(questionStems);
        if (followUp) {
            termStems.addAll(stems(previousQuestion));
        }
        boolean asksForNumber = NUMBER_QUESTION.matcher(question).find();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        List<List<Statement>> statements = new ArrayList<>();
        for (KnowledgePassages.Numbered passage : knowledge.passages()) {
            List<Statement> ofPassage = Statements.of(passage.text());
            statements.add(ofPassage);
            ofPassage.forEach(s -> stems(s.matchText(passage.title())).forEach(stem -> documentFrequency.merge(stem, 1, Integer::sum)));
        }
        int total = Math.max(1, statements.stream().mapToInt(List::size).sum());
        Set<String> seen = new HashSet<>();
        for (int p = 0; p < knowledge.passages().size(); p++) {
            KnowledgePassages.Numbered passage = knowledge.passages().get(p);
            List<Statement> ofPassage = statements.get(p);
            for (int i = 0; i < ofPassage.size(); i++) {
                Statement statement = ofPassage.get(i);
                if (!seen.add(statement.text())) {
                    continue;
                }
                String matchText = statement.matchText(passage.title());
                double similarity = followUp ? relevance.similarity(withPrevious, matchText)
                        : inConversation ? (1 - CONVERSATION_WEIGHT) * relevance.similarity(question, matchText)
                                + CONVERSATION_WEIGHT * relevance.similarity(withPrevious, matchText)
                        : relevance.similarity(question, matchText);
                double terms = rareTermWeight(stems(statement.text()), termStems, documentFrequency, total);
                if (similarity < MIN_SIMILARITY && terms == 0) {
                    continue;
                }
                double score = similarity + KEY_TERM_WEIGHT * terms
                        + (asksForNumber && DIGIT.matcher(statement.text()).find() ? NUMBER_BONUS : 0)
                        - RANK_PENALTY * p;
                candidates.add(new Candidate(passage.number(), i, statement, passage.title(), score));
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        double best = candidates.get(0).score();
        List<Candidate> chosen = candidates.stream().filter(c -> c.score() >= best - CLOSE_TO_BEST).limit(MAX_STATEMENTS).toList();
        Map<Integer, List<Candidate>> byPassage = new LinkedHashMap<>();
        chosen.forEach(c -> byPassage.computeIfAbsent(c.passage(), k -> new ArrayList<>()).add(c));
        List<Quote> quotes = new ArrayList<>();
        byPassage.values().forEach(group -> group.stream().sorted(Comparator.comparingInt(Candidate::position))
                .forEach(c -> quotes.add(new Quote(c.passage(), c.statement().text()))));
        return quotes;
    }

    private static double rareTermWeight(Set<String> statement, Set<String> terms, Map<String, Integer> frequency, int total) {
        double weight = 0;
        for (String term : terms) {
            if (statement.contains(term)) {
                weight += Math.log(1.0 + (double) total / frequency.getOrDefault(term, 1));
            }
        }
        return weight;
    }

    static Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        KeyTerms.of(text).forEach(term -> stems.add(KeyTerms.stem(term)));
        return stems;
    }
}
