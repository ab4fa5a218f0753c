package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;

class KnowledgeBaseRetrieverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScoreBuckets DEFAULT_BUCKETS = ScoreBuckets.parse("KB_CONFIDENCE_THRESHOLDS", "0.70,0.55,0.40,0.25");
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();

    @Test
    void postsRetrieveToTheKnowledgeBaseAndMapsScoresTitlesAndLocations() throws Exception {
        // given
        stub.then(restJson(200, Fixtures.read("aws/kb-retrieve-response.json")));
        KnowledgeBaseRetriever retriever = new KnowledgeBaseRetriever(stub.bedrockAgentRuntime(), "KBX7Q2M4ZP", 12, DEFAULT_BUCKETS);

        // when
        List<Passage> passages = retriever.retrieve("How much is a residential parking permit?");

        // then
        StubAwsServer.Recorded request = stub.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/knowledgebases/KBX7Q2M4ZP/retrieve");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.at("/retrievalQuery/text").asText()).isEqualTo("How much is a residential parking permit?");
        assertThat(body.at("/retrievalConfiguration/vectorSearchConfiguration/numberOfResults").asInt()).isEqualTo(12);

        assertThat(passages).containsExactly(
                new Passage("1%3A0%3AbW9ja19jaHVua18x", "Residential parking.pdf",
                        "s3://riverton-kb/permits/Residential%20parking.pdf",
                        "Residential parking permits are issued by the Transportation Office for one year and cost 45 dollars.",
                        Confidence.VERY_HIGH),
                new Passage("1%3A0%3AdmlzaXRvcnM", "Visitor parking passes", "https://riverton.example.gov/parking/visitors",
                        "Visitor passes can be printed online for up to three days.", Confidence.MEDIUM),
                new Passage("s3://riverton-kb/library/hours.txt", "hours.txt", "s3://riverton-kb/library/hours.txt",
                        "The library opens at nine.", Confidence.NOT_AVAILABLE));
    }

    @Test
    void anUnknownKnowledgeBaseBecomesARetrievalFailure() {
        // given
        stub.then(restJson(404, "{\"message\":\"Knowledge base KBMISSING0 does not exist\"}",
                "x-amzn-ErrorType", "ResourceNotFoundException"));
        KnowledgeBaseRetriever retriever = new KnowledgeBaseRetriever(stub.bedrockAgentRuntime(), "KBMISSING0", 12, DEFAULT_BUCKETS);

        // when / then
        assertThatThrownBy(() -> retriever.retrieve("parking"))
                .isInstanceOf(RetrievalException.class)
                .hasMessage("The knowledge base could not be searched right now.");
    }

    @Test
    void scoresFallIntoTheConfiguredBuckets() {
        // given
        ScoreBuckets buckets = ScoreBuckets.parse("KB_CONFIDENCE_THRESHOLDS", "0.8, 0.6, 0.4, 0.2");

        // when / then
        assertThat(buckets.bucket(0.8)).isEqualTo(Confidence.VERY_HIGH);
        assertThat(buckets.bucket(0.79)).isEqualTo(Confidence.HIGH);
        assertThat(buckets.bucket(0.4)).isEqualTo(Confidence.MEDIUM);
        assertThat(buckets.bucket(0.2)).isEqualTo(Confidence.LOW);
        assertThat(buckets.bucket(0.19)).isEqualTo(Confidence.NOT_AVAILABLE);
        assertThat(buckets.bucket(null)).isEqualTo(Confidence.NOT_AVAILABLE);
    }

    @Test
    void thresholdsThatDoNotDescendAreRejectedNamingTheVariable() {
        assertThatThrownBy(() -> ScoreBuckets.parse("KB_CONFIDENCE_THRESHOLDS", "0.2,0.4,0.6,0.8"))
                .hasMessageContaining("KB_CONFIDENCE_THRESHOLDS");
        assertThatThrownBy(() -> ScoreBuckets.parse("KB_CONFIDENCE_THRESHOLDS", "0.7,0.5"))
                .hasMessageContaining("KB_CONFIDENCE_THRESHOLDS");
    }
}
