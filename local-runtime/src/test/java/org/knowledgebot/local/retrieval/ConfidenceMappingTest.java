package org.knowledgebot.local.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowledgebot.core.domain.Confidence;

class ConfidenceMappingTest {
    @ParameterizedTest(name = "score {0} of top {1} -> {2}")
    @CsvSource({
            // relative to the best hit, when the scores are strong
            "10.0, 10.0, VERY_HIGH",
            "8.0,  10.0, VERY_HIGH",
            "7.9,  10.0, HIGH",
            "6.0,  10.0, HIGH",
            "5.9,  10.0, MEDIUM",
            "4.0,  10.0, MEDIUM",
            "3.9,  10.0, LOW",
            // a weak best hit is capped: below 2 x floor at most MEDIUM, below the floor LOW
            "2.9,  2.9,  MEDIUM",
            "1.6,  1.6,  MEDIUM",
            "1.4,  1.4,  LOW",
            "0.0,  0.0,  LOW"
    })
    void mapsBm25ScoresOntoKendraBuckets(double score, double top, Confidence expected) {
        // given
        ConfidenceMapping mapping = new ConfidenceMapping(1.5);

        // when
        Confidence bucket = mapping.bucket(score, top);

        // then
        assertThat(bucket).isEqualTo(expected);
    }
}
