package org.knowledgebot.local.retrieval;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.knowledgebot.core.domain.Confidence;

/**
 * The local retriever's relevance score, on an absolute scale that is the same for every question, and its
 * confidence buckets. The score is the cosine similarity of the question with the passage (or with its best
 * sentence), plus {@link #LEXICAL_WEIGHT} per point of the passage's BM25 score up to {@link #LEXICAL_CAP}, so a
 * passage that also shares the question's rare words ranks and counts higher. Both the ranking and the buckets use
 * it. The thresholds were calibrated on {@code eval/questions.json}: every answerable question's best passage
 * scored at least 0.45, and 9 of 12 questions the documents do not answer stayed below it.
 *
 * <p>A score alone cannot tell "How do I renew my driver's licence?" from a question the business licence page
 * answers: both score about 0.6 on it. What differs is how much one document stands out. A question the documents
 * answer is much closer in meaning to its document than to the others; one they do not answer is about as close to
 * several ("licence", "renew", "fees" are everywhere). So a question is {@link #isSpecific specific} when the
 * best document's cosine exceeds the mean of the next {@link #COMPARED_DOCUMENTS} documents' by at least
 * {@link #MIN_SPECIFICITY} (the hubness correction of cross-domain similarity local scaling, on documents). On
 * the 106 cases of {@code eval/questions.json} the score threshold alone abstained on 14 of 26 questions the
 * documents cannot answer; with this test 20 of 26, while 77 of 80 answerable questions kept a passage.
 */
public record ConfidenceMapping(double veryHigh, double high, double medium) {
    public static final ConfidenceMapping CALIBRATED = new ConfidenceMapping(0.65, 0.55, 0.45);
    static final double LEXICAL_WEIGHT = 0.03;
    static final double LEXICAL_CAP = 5;
    static final int COMPARED_DOCUMENTS = 7;
    static final double MIN_SPECIFICITY = 0.095;

    public ConfidenceMapping {
        if (!(veryHigh >= high && high >= medium)) {
            throw new IllegalArgumentException("thresholds must not increase: VERY_HIGH >= HIGH >= MEDIUM");
        }
    }

    /** @param bm25 the passage's BM25 score for the question, 0 when BM25 did not find it */
    public static double score(double similarity, double bm25) {
        return similarity + LEXICAL_WEIGHT * Math.min(Math.max(bm25, 0), LEXICAL_CAP);
    }

    /**
     * Whether one document stands out for the question: given each document's best cosine with it, the best
     * exceeds the mean of the next {@link #COMPARED_DOCUMENTS} by {@link #MIN_SPECIFICITY}. A knowledge base of
     * {@link #COMPARED_DOCUMENTS} documents or fewer has too few to compare with, so every question counts as specific.
     */
    static boolean isSpecific(Collection<Double> bestSimilarityByDocument) {
        if (bestSimilarityByDocument.size() <= COMPARED_DOCUMENTS) {
            return true;
        }
        List<Double> descending = bestSimilarityByDocument.stream().sorted(Comparator.reverseOrder()).toList();
        double others = descending.subList(1, 1 + COMPARED_DOCUMENTS).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return descending.get(0) - others >= MIN_SPECIFICITY;
    }

    public Confidence bucket(double score) {
        return score >= veryHigh ? Confidence.VERY_HIGH
                : score >= high ? Confidence.HIGH
                : score >= medium ? Confidence.MEDIUM
                : Confidence.LOW;
    }
}
