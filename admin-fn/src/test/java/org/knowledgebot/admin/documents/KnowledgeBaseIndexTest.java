package org.knowledgebot.admin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.documents.IndexState;
import org.knowledgebot.core.documents.IngestionJob;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;

class KnowledgeBaseIndexTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KB = "KB12345678";
    private static final String DS = "DS12345678";
    private static final String BUCKET = "knowledgebot-dev-documents";

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final BedrockAgentClient agent = stub.client(BedrockAgentClient.builder());
    private final KnowledgeBaseIndex index = new KnowledgeBaseIndex(agent, KB, DS, BUCKET);

    @Test
    void eachDocumentsStatusComesFromEveryPageOfListKnowledgeBaseDocuments() throws Exception {
        stub.then(restJson(200, """
                {"documentDetails":[
                  {"dataSourceId":"DS12345678","knowledgeBaseId":"KB12345678","identifier":{"dataSourceType":"S3","s3":{"uri":"s3://knowledgebot-dev-documents/guides/tax.md"}},
                   "status":"INDEXED","updatedAt":"2026-11-30T09:05:00Z"},
                  {"dataSourceId":"DS12345678","knowledgeBaseId":"KB12345678","identifier":{"dataSourceType":"S3","s3":{"uri":"s3://knowledgebot-dev-documents/scan.pdf"}},
                   "status":"FAILED","statusReason":"The file is encrypted and cannot be parsed.","updatedAt":"2026-11-30T09:05:00Z"}],
                 "nextToken":"page-2"}"""));
        stub.then(restJson(200, """
                {"documentDetails":[
                  {"dataSourceId":"DS12345678","knowledgeBaseId":"KB12345678","identifier":{"dataSourceType":"S3","s3":{"uri":"s3://knowledgebot-dev-documents/new.md"}},
                   "status":"IN_PROGRESS","updatedAt":"2026-11-30T09:06:00Z"}]}"""));

        Map<String, IndexState> states = index.states(List.of("guides/tax.md", "scan.pdf", "new.md", "just-uploaded.txt"));

        assertThat(states).containsEntry("guides/tax.md", IndexState.INDEXED)
                .containsEntry("scan.pdf", IndexState.failed("The file is encrypted and cannot be parsed."))
                .containsEntry("new.md", IndexState.PENDING)
                .containsEntry("just-uploaded.txt", IndexState.PENDING);
        StubAwsServer.Recorded first = stub.requests().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/knowledgebases/KB12345678/datasources/DS12345678/documents");
        assertThat(JSON.readTree(stub.requests().get(1).body()).path("nextToken").asText()).isEqualTo("page-2");
    }

    @Test
    void recentJobsAreNewestFirstWithTheFailedOnesReasons() throws Exception {
        stub.then(restJson(200, """
                {"ingestionJobSummaries":[
                  {"dataSourceId":"DS12345678","ingestionJobId":"JOB2","knowledgeBaseId":"KB12345678","startedAt":"2026-11-30T10:00:00Z",
                   "updatedAt":"2026-11-30T10:02:00Z","status":"FAILED","statistics":{"numberOfDocumentsScanned":3,"numberOfDocumentsFailed":1}},
                  {"dataSourceId":"DS12345678","ingestionJobId":"JOB1","knowledgeBaseId":"KB12345678","startedAt":"2026-11-30T09:00:00Z",
                   "updatedAt":"2026-11-30T09:03:00Z","status":"COMPLETE","statistics":{"numberOfDocumentsScanned":22,
                   "numberOfNewDocumentsIndexed":20,"numberOfModifiedDocumentsIndexed":2,"numberOfDocumentsFailed":0,"numberOfDocumentsDeleted":0}}]}"""));
        stub.then(restJson(200, """
                {"ingestionJob":{"dataSourceId":"DS12345678","ingestionJobId":"JOB2","knowledgeBaseId":"KB12345678",
                 "startedAt":"2026-11-30T10:00:00Z","updatedAt":"2026-11-30T10:02:00Z","status":"FAILED",
                 "failureReasons":["Access denied to s3://knowledgebot-dev-documents/scan.pdf"],
                 "statistics":{"numberOfDocumentsScanned":3,"numberOfDocumentsFailed":1}}}"""));

        List<IngestionJob> jobs = index.recentJobs(10);

        assertThat(jobs).containsExactly(
                new IngestionJob("JOB2", "FAILED", Instant.parse("2026-11-30T10:00:00Z"),
                        Optional.of(Instant.parse("2026-11-30T10:02:00Z")), 3, 0, 1,
                        List.of("Access denied to s3://knowledgebot-dev-documents/scan.pdf")),
                new IngestionJob("JOB1", "COMPLETE", Instant.parse("2026-11-30T09:00:00Z"),
                        Optional.of(Instant.parse("2026-11-30T09:03:00Z")), 22, 22, 0, List.of()));
        JsonNode list = JSON.readTree(stub.requests().get(0).body());
        assertThat(stub.requests().get(0).path()).isEqualTo("/knowledgebases/KB12345678/datasources/DS12345678/ingestionjobs/");
        assertThat(list.path("sortBy").path("attribute").asText()).isEqualTo("STARTED_AT");
        assertThat(list.path("sortBy").path("order").asText()).isEqualTo("DESCENDING");
        assertThat(stub.requests().get(1).method()).isEqualTo("GET");
        assertThat(stub.requests().get(1).path()).isEqualTo("/knowledgebases/KB12345678/datasources/DS12345678/ingestionjobs/JOB2");
    }

    @Test
    void startingAJobReturnsItAsTheServiceReportsIt() {
        stub.then(restJson(202, """
                {"ingestionJob":{"dataSourceId":"DS12345678","ingestionJobId":"JOB3","knowledgeBaseId":"KB12345678",
                 "startedAt":"2026-11-30T11:00:00Z","updatedAt":"2026-11-30T11:00:00Z","status":"STARTING","statistics":{}}}"""));

        IngestionJob job = index.startJob();

        assertThat(job.id()).isEqualTo("JOB3");
        assertThat(job.status()).isEqualTo("STARTING");
        assertThat(job.finishedAt()).isEmpty();
        assertThat(stub.onlyRequest().method()).isEqualTo("PUT");
        assertThat(stub.onlyRequest().path()).isEqualTo("/knowledgebases/KB12345678/datasources/DS12345678/ingestionjobs/");
    }
}
