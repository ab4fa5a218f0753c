package org.knowledgebot.local.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.local.TestEmbeddings;
import org.knowledgebot.local.TestKnowledge;

class HybridRetrieverTest {
    private static HybridRetriever retriever(Path folder, String baseUrl) {
        return new HybridRetriever(new KnowledgeFolder(folder, baseUrl), TestEmbeddings.cache(), 12,
                ConfidenceMapping.CALIBRATED, Clock.systemUTC(), Duration.ZERO);
    }

    private static List<Passage> confident(List<Passage> passages) {
        return passages.stream().filter(passage -> passage.confidence().isAtLeast(Confidence.MEDIUM)).toList();
    }

    @Test
    void theDocumentThatAnswersRanksFirstWithItsMarkdownTitleAndServedUri() {
        // given
        HybridRetriever retriever = retriever(TestKnowledge.folder(), "http://localhost:8080/knowledge");

        // when
        List<Passage> passages = retriever.retrieve("How much does a residential parking permit cost?");

        // then
        Passage best = passages.get(0);
        assertThat(best.title()).isEqualTo("Residential parking permits");
        assertThat(best.uri()).isEqualTo("http://localhost:8080/knowledge/parking-permits.md");
        assertThat(best.text()).contains("costs 45 euros");
        assertThat(best.confidence()).isEqualTo(Confidence.VERY_HIGH);
        assertThat(best.documentId()).isEqualTo("parking-permits.md#1");
    }

    @Test
    void htmlIsIndexedAsTextWithItsTitleAndWithoutScripts() {
        // given
        HybridRetriever retriever = retriever(TestKnowledge.folder(), null);

        // when
        List<Passage> passages = retriever.retrieve("library opening hours on Saturday");

        // then
        Passage best = passages.get(0);
        assertThat(best.title()).isEqualTo("Riverton Public Library & Archive");
        assertThat(best.uri()).startsWith("file:/").endsWith("/knowledge-small/services/library.html");
        assertThat(best.text()).contains("Saturday from 10:00 to 14:00").doesNotContain("<p>", "alert", "color: black");
    }

    @Test
    void aFileWithoutHeadingIsTitledByItsFileName() {
        // given
        HybridRetriever retriever = retriever(TestKnowledge.folder(), null);

        // when
        List<Passage> passages = retriever.retrieve("swimming pool maintenance");

        // then
        assertThat(passages.get(0).title()).isEqualTo("notes-without-heading.md");
    }

    @Test
    void aTextFileIsTitledByItsHeadingOnTheFirstLineOnly(@TempDir Path folder) throws IOException {
        // given a text file that starts with a heading and one with a '#' line further down
        Files.writeString(folder.resolve("city-hall.txt"), "# City Hall Hours and Contacts\n\n"
                + "City Hall is open Monday to Friday from 8:30 to 16:30.\n");
        Files.writeString(folder.resolve("hotline.txt"), "Call the recycling hotline for bin questions.\n"
                + "# 7 is the hotline's menu option for bins.\n");
        HybridRetriever retriever = retriever(folder, null);

        // when
        List<Passage> cityHall = retriever.retrieve("When is City Hall open?");
        List<Passage> hotline = retriever.retrieve("recycling hotline");

        // then
        assertThat(cityHall.get(0).title()).isEqualTo("City Hall Hours and Contacts");
        assertThat(hotline.get(0).title()).isEqualTo("hotline.txt");
    }

    @Test
    void aQueryAboutNothingInTheDocumentsFindsNothingConfidentAndAnEmptyQueryIsNoError() {
        // given
        HybridRetriever retriever = retriever(TestKnowledge.folder(), null);

        // when / then
        assertThat(confident(retriever.retrieve("quantum chromodynamics"))).isEmpty();
        assertThat(retriever.retrieve("   ")).isEmpty();
        assertThat(retriever.retrieve("\"unbalanced (quotes AND OR*")).isNotNull();
    }

    @Test
    void aQuestionInOtherWordsFindsThePassageByMeaningAndUnrelatedPassagesStayBelowTheThreshold() {
        // given
        HybridRetriever retriever = retriever(TestKnowledge.folder(), null);

        // when
        List<Passage> passages = retriever.retrieve("can someone come and take away my old couch?");

        // then
        assertThat(passages.get(0).title()).isEqualTo("waste-collection.txt");
        assertThat(passages.get(0).confidence().isAtLeast(Confidence.MEDIUM)).isTrue();
        assertThat(passages.get(passages.size() - 1).confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void theIndexIsRebuiltWhenAFileIsAddedOrChanged(@TempDir Path temp) throws IOException {
        // given
        Path folder = TestKnowledge.copyTo(temp.resolve("knowledge"));
        HybridRetriever retriever = retriever(folder, null);
        assertThat(confident(retriever.retrieve("dog licence"))).isEmpty();

        // when
        Files.writeString(folder.resolve("dogs.md"), "# Dog licence\n\nThe annual dog licence fee is 60 euros per dog.\n");

        // then
        assertThat(retriever.retrieve("dog licence")).first()
                .satisfies(passage -> assertThat(passage.text()).contains("60 euros"));
    }

    @Test
    void anAbsentFolderIsAnEmptyKnowledgeBase(@TempDir Path temp) {
        // given
        HybridRetriever retriever = retriever(temp.resolve("missing"), null);

        // when / then
        assertThat(retriever.retrieve("anything at all")).isEmpty();
        assertThat(retriever.passageCount()).isZero();
    }
}
