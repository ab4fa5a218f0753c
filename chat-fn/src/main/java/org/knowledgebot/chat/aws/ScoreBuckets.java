package org.knowledgebot.chat.aws;

import java.util.Arrays;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.domain.Confidence;

/**
 * Maps a knowledge base relevance score (higher is better) onto Kendra's confidence buckets, so one
 * MIN_CONFIDENCE setting works for both retrievers. A score at or above a threshold gets that bucket;
 * below the LOW threshold, or no score at all, is NOT_AVAILABLE (the weakest bucket).
 */
public record ScoreBuckets(double veryHigh, double high, double medium, double low) {
    public ScoreBuckets {
        if (!(veryHigh >= high && high >= medium && medium >= low)) {
            throw new IllegalArgumentException("thresholds must descend: VERY_HIGH >= HIGH >= MEDIUM >= LOW");
        }
    }

    /** Parses "VERY_HIGH,HIGH,MEDIUM,LOW", e.g. "0.70,0.55,0.40,0.25"; failures name {@code variable}. */
    public static ScoreBuckets parse(String variable, String value) {
        try {
            double[] t = Arrays.stream(value.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            if (t.length != 4) {
                throw new IllegalArgumentException("four values needed");
            }
            return new ScoreBuckets(t[0], t[1], t[2], t[3]);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid value '" + value + "' for environment variable " + variable
                    + ": expected four descending scores for VERY_HIGH,HIGH,MEDIUM,LOW, e.g. 0.70,0.55,0.40,0.25");
        }
    }

    public Confidence bucket(Double score) {
        if (score == null || score.isNaN()) {
            return Confidence.NOT_AVAILABLE;
        }
        if (score >= veryHigh) {
            return Confidence.VERY_HIGH;
        }
        if (score >= high) {
            return Confidence.HIGH;
        }
        if (score >= medium) {
            return Confidence.MEDIUM;
        }
        return score >= low ? Confidence.LOW : Confidence.NOT_AVAILABLE;
    }
}
