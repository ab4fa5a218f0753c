package org.knowledgebot.local.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {
    private static String words(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    }

    @Test
    void longTextBecomesPassagesOfAboutTwoHundredWordsWithoutLosingAWord() {
        // given
        String text = words(0, 120) + "\n\n" + words(120, 120) + "\n\n" + words(240, 700) + "\n\n" + words(940, 30);

        // when
        List<String> passages = PassageSplitter.split(text);

        // then
        assertThat(passages).allSatisfy(p -> assertThat(p.split("\\s+").length).isBetween(1, 250));
        assertThat(String.join(" ", passages).split("\\s+")).hasSize(970).startsWith("w0").endsWith("w969");
        assertThat(passages.get(0).split("\\s+")).as("two paragraphs that fit stay together").hasSize(240);
    }

    @Test
    void shortParagraphsAreKeptTogetherWithTheirLines() {
        // given
        String text = "# Fees\n\n| Permit | Fee |\n|---|---|\n| Resident   permit | $45 |\n   \nThird.";

        // when
        List<String> passages = PassageSplitter.split(text);

        // then
        assertThat(passages).containsExactly("# Fees\n\n| Permit | Fee |\n|---|---|\n| Resident permit | $45 |\n\nThird.");
    }

    @Test
    void aLongParagraphIsCutBetweenSentencesSoNoPassageStartsOrEndsMidSentence() {
        // given
        String sentence = "Polls are open from 7:00 a.m. to 8:00 p.m. at every one of the city's " + words(0, 20) + " places.";
        String paragraph = (sentence + " ").repeat(30).strip();

        // when
        List<String> passages = PassageSplitter.split(paragraph);

        // then
        assertThat(passages).hasSizeGreaterThan(1).allSatisfy(passage -> assertThat(passage)
                .startsWith("Polls are open").endsWith("places.")
                .satisfies(p -> assertThat(p.split("\\s+").length).isLessThanOrEqualTo(PassageSplitter.TARGET_WORDS)));
        assertThat(String.join(" ", passages)).isEqualTo(paragraph);
    }
}
