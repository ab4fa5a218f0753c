package org.knowledgebot.admin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.documents.IndexState;
import org.knowledgebot.core.documents.IngestionJob;
import org.knowledgebot.core.testing.MutableClock;
import software.amazon.awssdk.services.kendra.KendraClient;

class KendraIndexTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "0123abcd-0000-4000-8000-0123456789ab";
    private static final String DS = "5c1f0e2a-1111-4222-8333-444455556666";
    private static final String BUCKET = "knowledgebot-prod-documents";

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final KendraIndex index = new KendraIndex(stub.kendra(), INDEX, DS, BUCKET,
            new MutableClock(Instant.parse("2026-11-30T11:00:00Z")));

    @Test
    void documentStatusesAreAskedTenIdsAtATimeAsS3Uris() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            paths.add("doc-" + i + ".md");
        }
        stub.then(json(200, """
                {"DocumentStatusList":[
                  {"DocumentId":"s3://knowledgebot-prod-documents/doc-0.md","DocumentStatus":"INDEXED"},
                  {"DocumentId":"s3://knowledgebot-prod-documents/doc-1.md","DocumentStatus":"FAILED","FailureCode":"InvalidDocument",
                   "FailureReason":"The document is larger than 50 MB."},
                  {"DocumentId":"s3://knowledgebot-prod-documents/doc-2.md","DocumentStatus":"PROCESSING"},
                  {"DocumentId":"s3://knowledgebot-prod-documents/doc-3.md","DocumentStatus":"UPDATED"}],
                 "Errors":[{"DocumentId":"s3://knowledgebot-prod-documents/doc-4.md","ErrorCode":"InternalError","ErrorMessage":"Try again."}]}"""));
        stub.then(json(200, "{\"DocumentStatusList\":[{\"DocumentId\":\"s3://knowledgebot-prod-documents/doc-10.md\",\"DocumentStatus\":\"NOT_FOUND\"}],\"Errors\":[]}"));

        Map<String, IndexState> states = index.states(paths);

        assertThat(states).hasSize(11).containsEntry("doc-0.md", IndexState.INDEXED)
                .containsEntry("doc-1.md", IndexState.failed("The document is larger than 50 MB."))
                .containsEntry("doc-2.md", IndexState.PENDING).containsEntry("doc-3.md", IndexState.INDEXED)
                .containsEntry("doc-4.md", IndexState.failed("InternalError: Try again."))
                .containsEntry("doc-10.md", IndexState.PENDING);
        StubAwsServer.Recorded first = stub.requests().get(0);
        assertThat(first.header("x-amz-target")).isEqualTo("AWSKendraFrontendService.BatchGetDocumentStatus");
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("IndexId").asText()).isEqualTo(INDEX);
        assertThat(body.path("DocumentInfoList")).hasSize(10);
        assertThat(body.path("DocumentInfoList").get(0).path("DocumentId").asText()).isEqualTo("s3://knowledgebot-prod-documents/doc-0.md");
        assertThat(JSON.readTree(stub.requests().get(1).body()).path("DocumentInfoList")).hasSize(1);
    }

    @Test
    void syncJobsAreNewestFirstWithMetricsAndErrors() throws Exception {
        stub.then(json(200, """
                {"History":[
                  {"ExecutionId":"exec-1","StartTime":1796029200.0,"EndTime":1796029500.0,"Status":"SUCCEEDED",
                   "Metrics":{"DocumentsAdded":"20","DocumentsModified":"2","DocumentsDeleted":"0","DocumentsFailed":"0","DocumentsScanned":"22"}},
                  {"ExecutionId":"exec-2","StartTime":1796032800.0,"EndTime":1796032900.0,"Status":"FAILED",
                   "ErrorCode":"InternalError","ErrorMessage":"The data source role cannot read the bucket.",
                   "Metrics":{"DocumentsAdded":"0","DocumentsModified":"0","DocumentsDeleted":"0","DocumentsFailed":"0","DocumentsScanned":"0"}}]}"""));

        List<IngestionJob> jobs = index.recentJobs(10);

        assertThat(jobs).containsExactly(
                new IngestionJob("exec-2", "FAILED", Instant.ofEpochSecond(1796032800), Optional.of(Instant.ofEpochSecond(1796032900)),
                        0, 0, 0, List.of("InternalError: The data source role cannot read the bucket.")),
                new IngestionJob("exec-1", "SUCCEEDED", Instant.ofEpochSecond(1796029200), Optional.of(Instant.ofEpochSecond(1796029500)),
                        22, 22, 0, List.of()));
        assertThat(stub.onlyRequest().header("x-amz-target")).isEqualTo("AWSKendraFrontendService.ListDataSourceSyncJobs");
        JsonNode body = JSON.readTree(stub.onlyRequest().body());
        assertThat(body.path("Id").asText()).isEqualTo(DS);
        assertThat(body.path("IndexId").asText()).isEqualTo(INDEX);
    }

    @Test
    void startingASyncReturnsItsExecutionId() throws Exception {
        stub.then(json(200, "{\"ExecutionId\":\"exec-3\"}"));

        IngestionJob job = index.startJob();

        assertThat(job.id()).isEqualTo("exec-3");
        assertThat(job.status()).isEqualTo("SYNCING");
        assertThat(job.startedAt()).isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
        assertThat(stub.onlyRequest().header("x-amz-target")).isEqualTo("AWSKendraFrontendService.StartDataSourceSyncJob");
    }
}
