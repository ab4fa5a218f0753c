package org.knowledgebot.admin.documents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.documents.IndexState;
import org.knowledgebot.core.documents.IngestionJob;
import org.knowledgebot.core.documents.KnowledgeIndex;
import software.amazon.awssdk.services.kendra.KendraClient;
import software.amazon.awssdk.services.kendra.model.BatchGetDocumentStatusResponse;
import software.amazon.awssdk.services.kendra.model.DataSourceSyncJob;
import software.amazon.awssdk.services.kendra.model.DataSourceSyncJobMetrics;
import software.amazon.awssdk.services.kendra.model.DocumentInfo;
import software.amazon.awssdk.services.kendra.model.DocumentStatus;
import software.amazon.awssdk.services.kendra.model.Status;

/**
 * A Kendra index's S3 data source: each document's status from BatchGetDocumentStatus (10 ids a call; the S3
 * connector's document id is {@code s3://bucket/key}), the sync jobs from ListDataSourceSyncJobs and
 * StartDataSourceSyncJob.
 */
public record KendraIndex(KendraClient kendra, String indexId, String dataSourceId, String bucket,
                          Clock clock) implements KnowledgeIndex {
    static final int IDS_PER_CALL = 10;

    @Override
    public Map<String, IndexState> states(List<String> paths) {
        Map<String, IndexState> states = new HashMap<>();
        String prefix = "s3://" + bucket + "/";
        for (int start = 0; start < paths.size(); start += IDS_PER_CALL) {
            List<DocumentInfo> ids = new ArrayList<>();
            for (String path : paths.subList(start, Math.min(paths.size(), start + IDS_PER_CALL))) {
                ids.add(DocumentInfo.builder().documentId(prefix + path).build());
                states.put(path, IndexState.PENDING);
            }
            BatchGetDocumentStatusResponse response = kendra.batchGetDocumentStatus(request -> request
                    .indexId(indexId).documentInfoList(ids));
            for (Status status : response.documentStatusList()) {
                if (status.documentId().startsWith(prefix)) {
                    states.put(status.documentId().substring(prefix.length()), state(status));
                }
            }
            response.errors().forEach(error -> {
                if (error.documentId() != null && error.documentId().startsWith(prefix)) {
                    states.put(error.documentId().substring(prefix.length()),
                            IndexState.failed(error.errorCodeAsString() + ": " + error.errorMessage()));
                }
            });
        }
        return states;
    }

    private static IndexState state(Status status) {
        DocumentStatus value = status.documentStatus();
        if (value == DocumentStatus.INDEXED || value == DocumentStatus.UPDATED) {
            return IndexState.INDEXED;
        }
        if (value == DocumentStatus.FAILED || value == DocumentStatus.UPDATE_FAILED) {
            return IndexState.failed(status.failureReason() == null ? status.failureCode() : status.failureReason());
        }
        return IndexState.PENDING;
    }

    @Override
    public List<IngestionJob> recentJobs(int limit) {
        return kendra.listDataSourceSyncJobs(request -> request.indexId(indexId).id(dataSourceId).maxResults(limit))
                .history().stream()
                .sorted((a, b) -> b.startTime().compareTo(a.startTime()))
                .map(KendraIndex::job)
                .toList();
    }

    @Override
    public IngestionJob startJob() {
        String executionId = kendra.startDataSourceSyncJob(request -> request.indexId(indexId).id(dataSourceId)).executionId();
        return new IngestionJob(executionId, "SYNCING", clock.instant(), Optional.empty(), 0, 0, 0, List.of());
    }

    private static IngestionJob job(DataSourceSyncJob job) {
        DataSourceSyncJobMetrics metrics = job.metrics();
        List<String> reasons = job.errorMessage() == null ? List.of()
                : List.of(job.errorCodeAsString() == null ? job.errorMessage() : job.errorCodeAsString() + ": " + job.errorMessage());
        return new IngestionJob(job.executionId(), job.statusAsString(), job.startTime(), Optional.ofNullable(job.endTime()),
                metric(metrics == null ? null : metrics.documentsScanned()),
                metric(metrics == null ? null : metrics.documentsAdded()) + metric(metrics == null ? null : metrics.documentsModified()),
                metric(metrics == null ? null : metrics.documentsFailed()), reasons);
    }

    /** Kendra reports its sync metrics as strings of digits. */
    private static long metric(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            // A count Kendra did not send as a number is shown as none; nothing else depends on it.
            return 0;
        }
    }
}
