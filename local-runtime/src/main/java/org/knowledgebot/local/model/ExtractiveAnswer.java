package org.knowledgebot.local.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.knowledgebot.core.retrieval.QuestionParts;
import org.knowledgebot.local.text.Statement;
import org.knowledgebot.local.text.Statements;

/**
 * Chooses the statements of the numbered knowledge passages that answer a question. Each statement is scored by
 * its similarity in meaning to the question ({@link Relevance}), a little more for sharing the question's rare key
 * terms and for holding the kind of answer the question asks for ({@link AnswerType}: a date or span, an amount, a
 * phone number, a place …), and a little less the further down its passage was ranked. A question that asks several
 * things ({@link QuestionParts}, at most the stage's QUESTION_PARTS; 1 reads every question whole) first gets the
 * best statement of each part, scored against that part (a later part partly read with the question up to it, wholly
 * when it refers back: "…a second cart, and what would that cost?"). Then
 * the best statement is kept with those scoring close to it and those that hold a key term or a kind of answer of
 * the question the others lack (at most {@link #MAX_STATEMENTS}), plus the best of each other document whose title
 * the question names; they are given passage by passage, the passage of the first chosen statement first, each
 * followed by its passage's citation.
 */
final class ExtractiveAnswer {
    static final int MAX_STATEMENTS = 3;
    /** How far below the best statement another may score and still be quoted. */
    static final double CLOSE_TO_BEST = 0.10;
    /** How far below the best statement one that holds a key term of the question no other quote holds may score. */
    static final double COVERING_DISTANCE = 0.25;
    static final double RANK_PENALTY = 0.03;
    /** How much a question read together with the previous one (or a part with the part before it) counts. */
    static final double CONVERSATION_WEIGHT = 0.3;
    static final double KEY_TERM_WEIGHT = 0.02;
    /** For a statement that holds the kind of answer the question asks for ({@link AnswerType}). */
    static final double ANSWER_TYPE_BONUS = 0.08;
    /** Below this similarity a statement sharing no key term with the question is not about it at all. */
    static final double MIN_SIMILARITY = 0.25;
    /** Words that point back to the previous question's subject: "What are their opening hours?". */
    private static final String REFERRING_WORDS = "it|its|they|them|their|theirs|these|those|he|she|him|his";
    private static final Pattern REFERS_BACK = Pattern.compile("(?i)\\b(" + REFERRING_WORDS + ")\\b");
    /** Within one question "that" and "this" point back too: "…a second cart, and what would that cost?". */
    private static final Pattern PART_REFERS_BACK = Pattern.compile("(?i)\\b(" + REFERRING_WORDS + "|that|this)\\b");

    private static final int MAX_ANALYSED_PASSAGES = 4_096;

    private final Relevance relevance;
    private final int questionParts;
    private final Map<String, List<Analysed>> analysedPassages = new ConcurrentHashMap<>();

    /** @param questionParts most parts a question is read as (the stage's {@code ChatSettings.questionParts()}) */
    ExtractiveAnswer(Relevance relevance, int questionParts) {
        this.relevance = relevance;
        this.questionParts = questionParts;
    }

    record Quote(int passage, String text) {
    }

    /** @param partScores its score for each part of a question that asks several things; else empty */
    private record Candidate(int passage, int position, Analysed statement, double score, double[] partScores,
                             Set<AnswerType> answered) {
    }

    /** A statement with what matching needs of it, computed once per passage text. */
    private record Analysed(String text, String matchText, Set<String> matchStems, Set<String> textStems) {
    }

    /**
     * The statements of a passage with their stems; kept by title and text (at most {@link #MAX_ANALYSED_PASSAGES}),
     * since the same passages come back question after question and reading them is most of an answer's work.
     */
    private List<Analysed> analysed(KnowledgePassages.Numbered passage) {
        String key = passage.title() + "\n" + passage.text();
        List<Analysed> known = analysedPassages.get(key);
        if (known != null) {
            return known;
        }
        List<Analysed> statements = new ArrayList<>();
        for (Statement statement : Statements.of(passage.text())) {
            String matchText = statement.matchText(passage.title());
            statements.add(new Analysed(statement.quoted(), matchText, stems(matchText), stems(statement.text())));
        }
        if (analysedPassages.size() >= MAX_ANALYSED_PASSAGES) {
            analysedPassages.clear();
        }
        analysedPassages.put(key, List.copyOf(statements));
        return statements;
    }

    /**
     * The quotes answering {@code question}, in the order to give them; empty when no statement relates to it.
     * A question with fewer than two key terms of its own ("and the second half?") or one that refers back ("what
     * are their opening hours?") is read together with the user's previous question, as retrieval read it; any
     * other question of a conversation partly ({@link #CONVERSATION_WEIGHT}).
     */
    List<Quote> choose(KnowledgePassages knowledge, String question, String previousQuestion) {
        Set<String> questionStems = stems(question);
        boolean inConversation = !previousQuestion.isBlank();
        boolean followUp = inConversation && (questionStems.size() < 2 || REFERS_BACK.matcher(question).find());
        // The question as retrieval read it (the offline rewrite's standalone question), so the quotes come from
        // the passages found for it and its vector is already known.
        String withPrevious = OfflineRewriteModel.expand(question, previousQuestion);
        Set<String> termStems = new HashSet<>(questionStems);
        if (followUp) {
            termStems.addAll(stems(previousQuestion));
        }
        Set<AnswerType> asked = AnswerType.askedBy(question);
        List<String> parts = followUp ? List.of(question) : QuestionParts.of(question, questionParts);
        List<Set<String>> partStems = parts.size() < 2 ? List.of() : parts.stream().map(ExtractiveAnswer::stems).toList();
        List<Set<AnswerType>> askedByPart = partStems.isEmpty() ? List.of() : parts.stream().map(AnswerType::askedBy).toList();
        // A later part read with what the question asked up to it, for the last part the whole question, whose vector
        // retrieval already computed: "…at the Harbor library, and what hours is that branch open?"; wholly so when it
        // refers back, as a follow-up question is ("…a second cart, and what would that cost?").
        List<String> partsInContext = new ArrayList<>();
        List<Boolean> partRefersBack = new ArrayList<>();
        for (int k = 1; k < partStems.size(); k++) {
            partsInContext.add(k == parts.size() - 1 ? question : String.join(" ", parts.subList(0, k + 1)));
            partRefersBack.add(PART_REFERS_BACK.matcher(parts.get(k)).find());
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        List<List<Analysed>> statements = new ArrayList<>();
        for (KnowledgePassages.Numbered passage : knowledge.passages()) {
            List<Analysed> ofPassage = analysed(passage);
            statements.add(ofPassage);
            ofPassage.forEach(s -> s.matchStems().forEach(stem -> documentFrequency.merge(stem, 1, Integer::sum)));
        }
        int total = Math.max(1, statements.stream().mapToInt(List::size).sum());
        Set<String> seen = new HashSet<>();
        for (int p = 0; p < knowledge.passages().size(); p++) {
            KnowledgePassages.Numbered passage = knowledge.passages().get(p);
            List<Analysed> ofPassage = statements.get(p);
            for (int i = 0; i < ofPassage.size(); i++) {
                Analysed statement = ofPassage.get(i);
                if (!seen.add(statement.text())) {
                    continue;
                }
                String matchText = statement.matchText();
                double similarity = followUp ? relevance.similarity(withPrevious, matchText)
                        : inConversation ? similarityInContext(question, withPrevious, matchText)
                        : relevance.similarity(question, matchText);
                double terms = rareTermWeight(statement.textStems(), termStems, documentFrequency, total);
                Set<AnswerType> answered = AnswerType.answeredBy(asked, statement.text());
                double score = score(similarity, terms, !answered.isEmpty(), p);
                if (score == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double[] partScores = new double[partStems.size()];
                for (int k = 0; k < partStems.size(); k++) {
                    double partSimilarity = k == 0 ? relevance.similarity(parts.get(0), matchText)
                            : partRefersBack.get(k - 1) ? relevance.similarity(partsInContext.get(k - 1), matchText)
                            : similarityInContext(parts.get(k), partsInContext.get(k - 1), matchText);
                    partScores[k] = score(partSimilarity,
                            rareTermWeight(statement.textStems(), partStems.get(k), documentFrequency, total),
                            !AnswerType.answeredBy(askedByPart.get(k), statement.text()).isEmpty(), p);
                }
                candidates.add(new Candidate(passage.number(), i, statement, score, partScores, answered));
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Map<Integer, Set<String>> titleStems = new HashMap<>();
        knowledge.passages().forEach(passage -> titleStems.put(passage.number(), stems(passage.title())));
        List<Candidate> chosen = chooseCovering(candidates, bestOfEachPart(candidates, partStems.size()), termStems,
                titleStems);
        Map<Integer, List<Candidate>> byPassage = new LinkedHashMap<>();
        chosen.forEach(c -> byPassage.computeIfAbsent(c.passage(), k -> new ArrayList<>()).add(c));
        List<Quote> quotes = new ArrayList<>();
        byPassage.values().forEach(group -> group.stream().sorted(Comparator.comparingInt(Candidate::position))
                .forEach(c -> quotes.add(new Quote(c.passage(), c.statement().text()))));
        return quotes;
    }

    /**
     * After {@code firstChosen} (the best statement of each part of a question that asks several things), the best
     * statement, then, best first, those close to it and those a little further down that hold a key term of the
     * question, or a kind of answer it asks for, that no chosen statement holds yet: "paying my property tax and my
     * water bill by card" is answered by a statement of each document, "City Hall's address and opening hours" by
     * the address and the hours. Then the best statement (within {@link #COVERING_DISTANCE}) of each
     * document not quoted yet whose title shares a key term with the question: the question names that document's
     * subject, so "snow emergency parking rules" quotes the snow removal page beside the parking permits one.
     * {@code candidates} are best first.
     */
    private static List<Candidate> chooseCovering(List<Candidate> candidates, List<Candidate> firstChosen,
                                                  Set<String> questionTerms, Map<Integer, Set<String>> titleStems) {
        double best = candidates.get(0).score();
        List<Candidate> chosen = new ArrayList<>(firstChosen);
        Set<String> covered = new HashSet<>();
        Set<AnswerType> answered = EnumSet.noneOf(AnswerType.class);
        chosen.forEach(c -> {
            covered.addAll(heldTerms(c, questionTerms));
            answered.addAll(c.answered());
        });
        for (Candidate candidate : candidates) {
            if (chosen.size() >= MAX_STATEMENTS || candidate.score() < best - COVERING_DISTANCE) {
                break;
            }
            if (chosen.contains(candidate)) {
                continue;
            }
            Set<String> held = heldTerms(candidate, questionTerms);
            if (candidate.score() >= best - CLOSE_TO_BEST || !covered.containsAll(held)
                    || !answered.containsAll(candidate.answered())) {
                chosen.add(candidate);
                covered.addAll(held);
                answered.addAll(candidate.answered());
            }
        }
        Set<Integer> quoted = new HashSet<>();
        chosen.forEach(c -> quoted.add(c.passage()));
        for (Candidate candidate : candidates) {
            if (candidate.score() < best - COVERING_DISTANCE) {
                break;
            }
            if (quoted.add(candidate.passage()) && !Collections.disjoint(titleStems.get(candidate.passage()), questionTerms)) {
                chosen.add(candidate);
            }
        }
        return chosen;
    }

    /**
     * How close {@code matchText} is to {@code text}, read partly ({@link #CONVERSATION_WEIGHT}) together with what
     * came before it ({@code withContext}): the previous question of a conversation, or this question up to the part.
     */
    private double similarityInContext(String text, String withContext, String matchText) {
        return (1 - CONVERSATION_WEIGHT) * relevance.similarity(text, matchText)
                + CONVERSATION_WEIGHT * relevance.similarity(withContext, matchText);
    }

    /**
     * A statement's score for a question or one of its parts: its similarity, plus {@link #KEY_TERM_WEIGHT} per
     * rare key term it shares, plus {@link #ANSWER_TYPE_BONUS} when it holds a kind of answer asked for, less
     * {@link #RANK_PENALTY} per rank of its passage; {@code NEGATIVE_INFINITY} when it is not about it at all (below
     * {@link #MIN_SIMILARITY} and no key term).
     */
    private static double score(double similarity, double terms, boolean holdsAskedKind, int passageRank) {
        if (similarity < MIN_SIMILARITY && terms == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return similarity + KEY_TERM_WEIGHT * terms + (holdsAskedKind ? ANSWER_TYPE_BONUS : 0) - RANK_PENALTY * passageRank;
    }

    /**
     * For a question that asks several things, the statement that answers each part best (by its score for that
     * part), one per part, in the order the parts are asked; so the statement cap does not fill with one part's
     * document first. Empty for a question that asks one thing.
     */
    private static List<Candidate> bestOfEachPart(List<Candidate> candidates, int parts) {
        List<Candidate> chosen = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            int part = k;
            candidates.stream().filter(c -> !chosen.contains(c) && c.partScores()[part] > Double.NEGATIVE_INFINITY)
                    .max(Comparator.comparingDouble(c -> c.partScores()[part])).ifPresent(chosen::add);
        }
        return chosen;
    }

    private static Set<String> heldTerms(Candidate candidate, Set<String> questionTerms) {
        Set<String> held = new HashSet<>(candidate.statement().matchStems());
        held.retainAll(questionTerms);
        return held;
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
