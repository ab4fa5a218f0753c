package org.knowledgebot.local.retrieval;

import org.knowledgebot.core.domain.Confidence;

/**
 * The local retriever's relevance score, on an absolute scale that is the same for every question, and its
 * confidence buckets. The score is the cosine similarity of the question with the passage (or with its best
 * sentence), plus {@link #LEXICAL_WEIGHT} per point of the passage's BM25 score up to {@link #LEXICAL_CAP}, so a
 * passage that also shares the question's rare words ranks and counts higher. Both the ranking and the buckets use
 * it. The thresholds were calibrated on {@code eval/questions.json}: every answerable question's best passage
 * scored at least 0.45, and 9 of 12 questions the documents do not answer stayed below it.
 */
public record ConfidenceMapping(double veryHigh, double high, double medium) {
    public static final ConfidenceMapping CALIBRATED = new ConfidenceMapping(0.65, 0.55, 0.45);
    static final double LEXICAL_WEIGHT = 0.03;
    static final double LEXICAL_CAP = 5;

    public ConfidenceMapping {
        if (!(veryHigh >= high && high >= medium)) {
            throw new IllegalArgumentException("thresholds must not increase: VERY_HIGH >= HIGH >= MEDIUM");
        }
    }

    /** @param bm25 the passage's BM25 score for the question, 0 when BM25 did not find it */
    public static double score(double similarity, double bm25) {
        return similarity + LEXICAL_WEIGHT * Math.min(Math.max(bm25, 0), LEXICAL_CAP);
    }

    public Confidence bucket(double score) {
        return score >= veryHigh ? Confidence.VERY_HIGH
                : score >= high ? Confidence.HIGH
                : score >= medium ? Confidence.MEDIUM
                : Confidence.LOW;
    }
}
