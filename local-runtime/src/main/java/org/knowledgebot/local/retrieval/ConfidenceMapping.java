package org.knowledgebot.local.retrieval;

import org.knowledgebot.core.domain.Confidence;

/**
 * Maps Lucene BM25 scores onto Kendra's confidence buckets. BM25 scores have no fixed scale, so the bucket comes
 * from the score relative to the best hit of the same query, capped by absolute floors so that a weak best hit
 * (a query matching only a common word) is not reported as a confident one:
 * <ul>
 *   <li>relative score (score / top score) at least 0.80 → VERY_HIGH, 0.60 → HIGH, 0.40 → MEDIUM, below → LOW;</li>
 *   <li>a score below {@code floor} is at most LOW; below {@code 2 × floor} at most MEDIUM.</li>
 * </ul>
 */
public record ConfidenceMapping(double floor) {
    public static final double DEFAULT_FLOOR = 1.5;
    static final double VERY_HIGH_RELATIVE = 0.80;
    static final double HIGH_RELATIVE = 0.60;
    static final double MEDIUM_RELATIVE = 0.40;

    public ConfidenceMapping {
        if (!(floor >= 0)) {
            throw new IllegalArgumentException("the score floor must not be negative");
        }
    }

    public Confidence bucket(double score, double topScore) {
        if (score <= 0 || topScore <= 0) {
            return Confidence.LOW;
        }
        double relative = score / topScore;
        Confidence byRank = relative >= VERY_HIGH_RELATIVE ? Confidence.VERY_HIGH
                : relative >= HIGH_RELATIVE ? Confidence.HIGH
                : relative >= MEDIUM_RELATIVE ? Confidence.MEDIUM
                : Confidence.LOW;
        Confidence cap = score < floor ? Confidence.LOW
                : score < 2 * floor ? Confidence.MEDIUM
                : Confidence.VERY_HIGH;
        return byRank.isAtLeast(cap) ? cap : byRank;
    }
}
