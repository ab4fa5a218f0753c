package org.knowledgebot.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.core.testing.FixedRetriever.passage;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;

class ConfidenceFilterTest {
    private static final List<Passage> ONE_OF_EACH = List.of(
            passage(1, "very high", Confidence.VERY_HIGH),
            passage(2, "high", Confidence.HIGH),
            passage(3, "medium", Confidence.MEDIUM),
            passage(4, "low", Confidence.LOW),
            passage(5, "not available", Confidence.NOT_AVAILABLE));

    @ParameterizedTest
    @CsvSource({
            "VERY_HIGH, 'very high'",
            "HIGH, 'very high,high'",
            "MEDIUM, 'very high,high,medium'",
            "LOW, 'very high,high,medium,low'",
            "NOT_AVAILABLE, 'very high,high,medium,low,not available'"})
    void keepsPassagesAtOrAboveTheThreshold(Confidence threshold, String expected) {
        // when
        List<Passage> kept = new ConfidenceFilter(threshold).keep(ONE_OF_EACH);

        // then
        assertThat(kept).extracting(Passage::text).containsExactly(expected.split(","));
    }

    @Test
    void removesDuplicatePassagesAndKeepsRetrievalOrder() {
        // given
        List<Passage> passages = List.of(
                passage(2, "Refunds go to the card.", Confidence.HIGH),
                passage(1, "Returns within 30 days.", Confidence.VERY_HIGH),
                passage(2, "Refunds go to the card.  ", Confidence.MEDIUM),
                passage(1, "Items must be unused.", Confidence.HIGH));

        // when
        List<Passage> kept = new ConfidenceFilter(Confidence.MEDIUM).keep(passages);

        // then
        assertThat(kept).extracting(Passage::text)
                .containsExactly("Refunds go to the card.", "Returns within 30 days.", "Items must be unused.");
    }
}
