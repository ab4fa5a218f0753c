package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import software.amazon.awssdk.services.kendra.KendraClient;

class KendraRetrieverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();

    @Test
    void sendsRetrieveWithIndexPageSizeAndLanguageFilterAndMapsResultItems() throws Exception {
        // given
        stub.then(json(200, Fixtures.read("aws/kendra-retrieve-response.json")));
        KendraRetriever retriever = new KendraRetriever(stub.kendra(), "6d3c1a2b-4e5f-4a7b-8c9d-0e1f2a3b4c5d", 12, "en");

        // when
        List<Passage> passages = retriever.retrieve("How do I connect to the VPN?");

        // then
        StubAwsServer.Recorded request = stub.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("X-Amz-Target")).isEqualTo("AWSKendraFrontendService.Retrieve");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDSTUBEXAMPLE/");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("IndexId").asText()).isEqualTo("6d3c1a2b-4e5f-4a7b-8c9d-0e1f2a3b4c5d");
        assertThat(body.get("QueryText").asText()).isEqualTo("How do I connect to the VPN?");
        assertThat(body.get("PageSize").asInt()).isEqualTo(12);
        assertThat(body.at("/AttributeFilter/EqualsTo/Key").asText()).isEqualTo("_language_code");
        assertThat(body.at("/AttributeFilter/EqualsTo/Value/StringValue").asText()).isEqualTo("en");
        assertThat(body.has("SortingConfiguration")).isFalse();

        assertThat(passages).containsExactly(
                new Passage("s3://acme-knowledge/guides/vpn-setup.pdf", "Setting up the corporate VPN",
                        "https://docs.acme.example/guides/vpn-setup.pdf",
                        "To connect to the corporate VPN, install the client from the self-service portal and sign in"
                                + " with your SSO account. The client reconnects automatically after sleep.",
                        Confidence.VERY_HIGH),
                new Passage("s3://acme-knowledge/faq/remote-work.html", "Remote work FAQ",
                        "https://docs.acme.example/faq/remote-work.html",
                        "Remote employees must use the VPN for internal tools. Multi-factor authentication is"
                                + " required on every new device.",
                        Confidence.MEDIUM),
                new Passage("s3://acme-knowledge/policies/travel.docx", "Travel policy",
                        "https://docs.acme.example/policies/travel.docx", "Laptops taken abroad must be encrypted.",
                        Confidence.NOT_AVAILABLE));
    }

    @Test
    void cutsTheQueryToKendrasLimitAndSendsNoFilterWithoutALanguage() throws Exception {
        // given
        stub.then(json(200, "{\"QueryId\":\"q-1\",\"ResultItems\":[]}"));
        KendraRetriever retriever = new KendraRetriever(stub.kendra(), "index-1", 5, null);
        String longQuestion = "vpn ".repeat(400);

        // when
        List<Passage> passages = retriever.retrieve(longQuestion);

        // then
        JsonNode body = JSON.readTree(stub.onlyRequest().body());
        assertThat(body.get("QueryText").asText()).hasSize(1000).isEqualTo(longQuestion.strip().substring(0, 1000));
        assertThat(body.get("PageSize").asInt()).isEqualTo(5);
        assertThat(body.has("AttributeFilter")).isFalse();
        assertThat(passages).isEmpty();
    }

    @Test
    void anAccessDeniedIndexBecomesARetrievalFailureWithAUserSafeMessage() {
        // given
        stub.then(json(400, """
                {"__type":"AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/chat-fn/x is not authorized to perform: kendra:Retrieve"}""",
                "x-amzn-ErrorType", "AccessDeniedException"));
        KendraRetriever retriever = new KendraRetriever(stub.kendra(), "index-1", 12, null);

        // when / then
        assertThatThrownBy(() -> retriever.retrieve("vpn"))
                .isInstanceOf(RetrievalException.class)
                .hasMessage("The knowledge index could not be searched right now.")
                .hasCauseInstanceOf(software.amazon.awssdk.services.kendra.model.AccessDeniedException.class);
        assertThat(stub.requests()).hasSize(1);
    }
}
