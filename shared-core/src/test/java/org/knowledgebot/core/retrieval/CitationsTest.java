package org.knowledgebot.core.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Source;

class CitationsTest {
    private static final List<Passage> KEPT = List.of(
            new Passage("tax#2", "Property Tax", "https://docs/tax.md", "The first half is due on February 15.", Confidence.VERY_HIGH),
            new Passage("water#1", "Water", "https://docs/water.md", "Card payments cost 2.4%.", Confidence.HIGH),
            new Passage("tax#1", "Property Tax", "https://docs/tax.md", "Bills are mailed by January 20.", Confidence.MEDIUM),
            new Passage("note", "Untitled", "", "A passage without a uri.", Confidence.MEDIUM),
            new Passage("pets#1", "Pets", "https://docs/pets.md", "A dog licence is $20.", Confidence.MEDIUM),
            new Passage("parks#1", "Parks", "https://docs/parks.md", "Parks open at 6.", Confidence.MEDIUM),
            new Passage("noise#1", "Noise", "https://docs/noise.md", "Quiet from 10.", Confidence.MEDIUM));

    @Test
    void passagesOfOneDocumentShareANumberAndEachSourceCarriesItsBestPassageAsExcerpt() {
        List<Source> sources = Citations.sources(KEPT);

        assertThat(Citations.numbered(KEPT)).hasSize(6);
        assertThat(sources).extracting(Source::index).containsExactly(1, 2, 4, 5, 6);
        assertThat(sources.get(0).excerpt()).isEqualTo("The first half is due on February 15.");
        assertThat(sources.get(0).confidence()).isEqualTo(Confidence.VERY_HIGH);
    }

    @Test
    void onlyCitedSourcesAreShownInTheOrderTheAnswerFirstCitesThemAndUnknownNumbersAreIgnored() {
        List<Source> shown = Citations.shown(Citations.sources(KEPT),
                "Pay by card for 2.4% [2]. The first half is due on February 15 [1][2]. See also [3] and [9].", 5);

        assertThat(shown).extracting(Source::uri).containsExactly("https://docs/water.md", "https://docs/tax.md");
    }

    @Test
    void atMostTheConfiguredNumberOfSourcesIsShown() {
        List<Source> shown = Citations.shown(Citations.sources(KEPT), "[6] [5] [4] [2] [1]", 3);

        assertThat(shown).extracting(Source::index).containsExactly(6, 5, 4);
    }

    @Test
    void anAnswerThatCitesNothingShowsTheFirstSourcesInRetrievalOrder() {
        assertThat(Citations.shown(Citations.sources(KEPT), "It is due in February.", 2))
                .extracting(Source::index).containsExactly(1, 2);
        assertThat(Citations.shown(List.of(), "Nothing matched.", 5)).isEmpty();
    }
}
