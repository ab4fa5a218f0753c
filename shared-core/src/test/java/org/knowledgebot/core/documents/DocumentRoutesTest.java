package org.knowledgebot.core.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.admin.AuditLog;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.testing.InMemoryDocuments;
import org.knowledgebot.core.testing.MutableClock;

class DocumentRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller ANN = new Caller("ann-sub", "ann", List.of("admins"));
    private static final Caller BOB = new Caller("bob-sub", "bob", List.of());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryDocuments documents = new InMemoryDocuments(clock);
    private final List<String> audit = new ArrayList<>();
    private final AdminRoutes routes = DocumentRoutes.addTo(AdminRoutes.builder(new EventLog(line -> { }, clock)),
            new DocumentService(documents, documents, new AuditLog(audit::add, clock))).build();

    @Test
    void everyDocumentIsListedWithItsIndexStateAndTheReasonWhenItFailed() throws Exception {
        documents.add("a/tax.md", 120, IndexState.INDEXED).add("b.pdf", 9_000, IndexState.failed("Unsupported PDF encryption"))
                .add("c.txt", 5, IndexState.PENDING);

        JsonNode list = JSON.readTree(call(ANN, "GET", "/admin/documents", "").body()).path("documents");

        assertThat(list.findValuesAsText("path")).containsExactly("a/tax.md", "b.pdf", "c.txt");
        assertThat(list.findValuesAsText("status")).containsExactly("indexed", "failed", "pending");
        assertThat(list.get(1).path("reason").asText()).isEqualTo("Unsupported PDF encryption");
        assertThat(list.get(0).has("reason")).isFalse();
        assertThat(list.get(0).path("size").asLong()).isEqualTo(120);
        assertThat(list.get(0).path("lastModified").asText()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void anUploadGetsAFifteenMinuteUrlBoundToTypeAndSizeAndIsAudited() throws Exception {
        ApiResponse response = call(ANN, "POST", "/admin/documents/uploads",
                "{\"path\":\"guides/new-bins.md\",\"contentType\":\"text/markdown\",\"size\":2048}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("uploadUrl").asText()).isEqualTo("https://uploads.example/guides/new-bins.md");
        assertThat(json.path("expiresAt").asText()).isEqualTo("2026-12-01T10:15:00Z");
        assertThat(json.path("headers").path("Content-Type").asText()).isEqualTo("text/markdown");
        assertThat(documents.uploadsPrepared()).containsExactly("guides/new-bins.md|text/markdown|2048");
        assertThat(audit).singleElement().asString()
                .contains("\"audit\":\"upload-prepared\"", "\"operator\":\"ann\"", "\"document\":\"guides/new-bins.md\"");
    }

    @Test
    void badUploadsAreRefusedWithTheirStatusAndNothingIsPrepared() {
        Map<String, Integer> cases = Map.of(
                "{\"path\":\"../etc/passwd.md\",\"contentType\":\"text/markdown\",\"size\":1}", 400,
                "{\"path\":\"a/./b.md\",\"contentType\":\"text/markdown\",\"size\":1}", 400,
                "{\"path\":\"bad\\u0007name.md\",\"contentType\":\"text/markdown\",\"size\":1}", 400,
                "{\"path\":\"with space.md\",\"contentType\":\"text/markdown\",\"size\":1}", 400,
                "{\"path\":\"tool.exe\",\"contentType\":\"application/octet-stream\",\"size\":1}", 400,
                "{\"path\":\"a.md\",\"contentType\":\"text/html\",\"size\":1}", 400,
                "{\"path\":\"big.pdf\",\"contentType\":\"application/pdf\",\"size\":52428801}", 413,
                "{\"path\":\"empty.md\",\"contentType\":\"text/markdown\",\"size\":0}", 400,
                "{\"path\":\"a.md\"}", 400,
                "not json", 400);
        cases.forEach((body, status) -> assertThat(call(ANN, "POST", "/admin/documents/uploads", body).status())
                .as(body).isEqualTo(status));
        assertThat(documents.uploadsPrepared()).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void exactlyFiftyMegabytesIsAccepted() {
        assertThat(call(ANN, "POST", "/admin/documents/uploads",
                "{\"path\":\"big.pdf\",\"contentType\":\"application/pdf\",\"size\":52428800}").status()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheDocumentOnceAndIsAudited() {
        documents.add("a/tax.md", 120, IndexState.INDEXED);

        ApiResponse deleted = call(ANN, "DELETE", "/admin/documents/a/tax.md", "");
        ApiResponse again = call(ANN, "DELETE", "/admin/documents/a/tax.md", "");
        ApiResponse traversal = call(ANN, "DELETE", "/admin/documents/a/%2E%2E/x.md", "");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(404);
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(documents.list()).isEmpty();
        assertThat(audit).singleElement().asString().contains("\"audit\":\"document-deleted\"", "\"document\":\"a/tax.md\"");
    }

    @Test
    void ingestionRunsAreListedNewestFirstAndStartedOnRequest() throws Exception {
        ApiResponse started = call(ANN, "POST", "/admin/ingestion", "");
        call(ANN, "POST", "/admin/ingestion", "");

        assertThat(started.status()).isEqualTo(202);
        assertThat(JSON.readTree(started.body()).path("job").path("status").asText()).isEqualTo("STARTING");
        JsonNode jobs = JSON.readTree(call(ANN, "GET", "/admin/ingestion", "").body()).path("jobs");
        assertThat(jobs.findValuesAsText("id")).containsExactly("job-2", "job-1");
        assertThat(jobs.get(0).path("finishedAt").isNull()).isTrue();
        assertThat(audit).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"audit\":\"ingestion-started\""));
    }

    @Test
    void nonOperatorsCannotTouchDocuments() {
        documents.add("a/tax.md", 120, IndexState.INDEXED);

        assertThat(call(BOB, "GET", "/admin/documents", "").status()).isEqualTo(403);
        assertThat(call(BOB, "DELETE", "/admin/documents/a/tax.md", "").status()).isEqualTo(403);
        assertThat(call(BOB, "POST", "/admin/ingestion", "").status()).isEqualTo(403);
        assertThat(documents.list()).hasSize(1);
        assertThat(documents.jobs()).isEmpty();
    }

    private ApiResponse call(Caller caller, String method, String path, String body) {
        return routes.handle(new ApiRequest(method, path, Map.of(), body, caller), "r1");
    }
}
