package org.knowledgebot.local.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.local.TestEmbeddings;

/** The hybrid retriever on the sample knowledge base: questions in residents' words, misspelled, and off topic. */
class RankingAndCalibrationTest {
    private static final Path SAMPLE = Path.of("..", "knowledge").toAbsolutePath().normalize();
    private static final HybridRetriever RETRIEVER = new HybridRetriever(new KnowledgeFolder(SAMPLE, null),
            TestEmbeddings.cache(), 12, ConfidenceMapping.CALIBRATED, Clock.systemUTC(), Duration.ofHours(1));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "the garbage truck skipped our street today | waste-and-recycling-collection.md",
            "my dog ran off and I can't find him | pet-licences.md",
            "who do I call about a broken street light | reporting-potholes-311.md",
            "can I get help paying for my kid's summer camp | recreation-programs.md",
            "propperty tax instalment dates | property-tax.md",
            "recyling pick up day north zone | waste-and-recycling-collection.md",
            "how much is a vistor parking pass | parking-permits.md"})
    void theDocumentThatAnswersIsAmongTheFirstThreeAndConfident(String question, String document) {
        List<Passage> passages = RETRIEVER.retrieve(question);

        List<String> firstThree = passages.stream().map(Passage::uri).distinct().limit(3).toList();
        assertThat(firstThree).anySatisfy(uri -> assertThat(uri).endsWith("/" + document));
        assertThat(passages.get(0).confidence().isAtLeast(Confidence.MEDIUM)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"How do I apply for a passport?", "What's the best pizza in town?",
            "How do I reset my email password?", "How do I get my car's emissions tested?"})
    void aQuestionTheDocumentsDoNotAnswerGetsNoPassageAtTheDefaultThreshold(String question) {
        assertThat(RETRIEVER.retrieve(question)).allSatisfy(passage ->
                assertThat(passage.confidence().isAtLeast(Confidence.MEDIUM)).as(passage.documentId()).isFalse());
    }

    /**
     * Each scores above the threshold on some document ("licence", "fares", "emergency", "ticket" are in the
     * sample), but no document stands out for it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"What are the bus routes and fares in Riverton?", "What is the sales tax rate here?",
            "Which hospital has the shortest emergency room wait?", "Do I need a permit to go hunting near Riverton?",
            "Can I rent a boat on the river this weekend?"})
    void aQuestionSharingWordsWithSeveralDocumentsButAnsweredByNoneGetsNoConfidentPassage(String question) {
        assertThat(RETRIEVER.retrieve(question)).allSatisfy(passage ->
                assertThat(passage.confidence()).as(passage.documentId()).isEqualTo(Confidence.LOW));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.70, 0.30, 0.28, 0.25, 0.22, 0.20, 0.10, 0.10 | true",
            "0.70, 0.62, 0.60, 0.60, 0.58, 0.55, 0.55, 0.55 | true",
            "0.70, 0.66, 0.64, 0.62, 0.60, 0.60, 0.60, 0.60 | false",
            "0.40, 0.39, 0.38, 0.37, 0.36, 0.35, 0.34, 0.33 | false",
            "0.50, 0.49, 0.48, 0.47, 0.46, 0.45, 0.44 | true"})
    void aQuestionIsSpecificWhenItsBestDocumentStandsOutFromTheNextSeven(String similarities, boolean specific) {
        List<Double> byDocument = Arrays.stream(similarities.split(",")).map(String::strip).map(Double::valueOf).toList();

        assertThat(ConfidenceMapping.isSpecific(byDocument)).isEqualTo(specific);
    }

    @ParameterizedTest
    @CsvSource({"0.80, 0, VERY_HIGH", "0.50, 2, HIGH", "0.40, 2, MEDIUM", "0.44, 0, LOW", "0.20, 100, LOW"})
    void theScaleIsAbsoluteCosinePlusCappedBm25(double similarity, double bm25, Confidence bucket) {
        assertThat(ConfidenceMapping.CALIBRATED.bucket(ConfidenceMapping.score(similarity, bm25))).isEqualTo(bucket);
    }
}
