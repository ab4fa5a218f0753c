package org.knowledgebot.core.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.admin.AuditLog;

/**
 * The operators' documents: every document with its index state, uploads (a one-time URL; the existing ingestion
 * path indexes the file), deletes, and the ingestion runs. Each change is one audit line: who, what, which document.
 */
public record DocumentService(DocumentStore store, KnowledgeIndex index, AuditLog audit) {
    public static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(15);
    static final int RECENT_JOBS = 10;

    public ApiResponse list(ApiRequest request) {
        List<StoredDocument> documents = store.list();
        Map<String, IndexState> states = index.states(documents.stream().map(StoredDocument::path).toList());
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode items = json.putArray("documents");
        for (StoredDocument document : documents) {
            IndexState state = states.getOrDefault(document.path(), IndexState.PENDING);
            ObjectNode item = items.addObject().put("path", document.path()).put("size", document.size())
                    .put("lastModified", document.lastModified().toString()).put("status", state.status().wireName());
            state.reason().ifPresent(reason -> item.put("reason", reason));
        }
        return ApiResponse.json(200, json.toString());
    }

    public ApiResponse prepareUpload(ApiRequest request) {
        UploadRequest upload = UploadRequest.parse(request.body());
        UploadTicket ticket = store.prepareUpload(upload.path(), upload.contentType(), upload.size(), UPLOAD_VALIDITY);
        audit.action(request.caller(), "upload-prepared", upload.path().value());
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("uploadUrl", ticket.uploadUrl())
                .put("expiresAt", ticket.expiresAt().toString());
        ObjectNode headers = json.putObject("headers");
        ticket.headers().forEach(headers::put);
        return ApiResponse.json(200, json.toString());
    }

    /** {@code DELETE /admin/documents/<path>}: the path after the prefix, percent-decoded, then checked. */
    public ApiResponse delete(ApiRequest request, String prefix) {
        DocumentPath path = DocumentPath.parse(URLDecoder.decode(request.path().substring(prefix.length()),
                StandardCharsets.UTF_8));
        if (!store.delete(path)) {
            throw ApiProblem.notFound("There is no document " + path.value() + "; GET /admin/documents lists them.");
        }
        audit.action(request.caller(), "document-deleted", path.value());
        return ApiResponse.json(200, JsonNodeFactory.instance.objectNode().put("deleted", path.value()).toString());
    }

    public ApiResponse jobs(ApiRequest request) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode jobs = json.putArray("jobs");
        index.recentJobs(RECENT_JOBS).forEach(job -> jobs.add(jobJson(job)));
        return ApiResponse.json(200, json.toString());
    }

    public ApiResponse startJob(ApiRequest request) {
        IngestionJob job = index.startJob();
        audit.action(request.caller(), "ingestion-started", null);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("job", jobJson(job));
        return ApiResponse.json(202, json.toString());
    }

    private static ObjectNode jobJson(IngestionJob job) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", job.id()).put("status", job.status())
                .put("startedAt", job.startedAt().toString());
        job.finishedAt().ifPresentOrElse(at -> json.put("finishedAt", at.toString()), () -> json.putNull("finishedAt"));
        json.put("scanned", job.scanned()).put("indexed", job.indexed()).put("failed", job.failed());
        ArrayNode reasons = json.putArray("failureReasons");
        job.failureReasons().forEach(reasons::add);
        return json;
    }
}
