package org.knowledgebot.admin.documents;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.documents.IndexState;
import org.knowledgebot.core.documents.IngestionJob;
import org.knowledgebot.core.documents.KnowledgeIndex;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.DocumentStatus;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobSortByAttribute;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatistics;
import software.amazon.awssdk.services.bedrockagent.model.KnowledgeBaseDocumentDetail;
import software.amazon.awssdk.services.bedrockagent.model.ListKnowledgeBaseDocumentsResponse;
import software.amazon.awssdk.services.bedrockagent.model.SortOrder;

/**
 * A Bedrock knowledge base's one S3 data source: each document's status from ListKnowledgeBaseDocuments (every
 * page; the identifier is the object's {@code s3://bucket/key}), the ingestion jobs from ListIngestionJobs (newest
 * first; a failed job's reasons from GetIngestionJob) and StartIngestionJob.
 */
public record KnowledgeBaseIndex(BedrockAgentClient agent, String knowledgeBaseId, String dataSourceId,
                                 String bucket) implements KnowledgeIndex {
    @Override
    public Map<String, IndexState> states(List<String> paths) {
        String prefix = "s3://" + bucket + "/";
        Map<String, IndexState> byPath = new HashMap<>();
        String token = null;
        do {
            String next = token;
            ListKnowledgeBaseDocumentsResponse page = agent.listKnowledgeBaseDocuments(request -> request
                    .knowledgeBaseId(knowledgeBaseId).dataSourceId(dataSourceId).maxResults(1000).nextToken(next));
            for (KnowledgeBaseDocumentDetail detail : page.documentDetails()) {
                if (detail.identifier() != null && detail.identifier().s3() != null
                        && detail.identifier().s3().uri().startsWith(prefix)) {
                    byPath.put(detail.identifier().s3().uri().substring(prefix.length()), state(detail));
                }
            }
            token = page.nextToken();
        } while (token != null);
        Map<String, IndexState> states = new HashMap<>();
        paths.forEach(path -> states.put(path, byPath.getOrDefault(path, IndexState.PENDING)));
        return states;
    }

    /** INDEXED is searchable; FAILED, METADATA_UPDATE_FAILED and IGNORED never will be without a change; the rest is on its way. */
    private static IndexState state(KnowledgeBaseDocumentDetail detail) {
        DocumentStatus status = detail.status();
        if (status == DocumentStatus.INDEXED || status == DocumentStatus.PARTIALLY_INDEXED
                || status == DocumentStatus.METADATA_PARTIALLY_INDEXED) {
            return IndexState.INDEXED;
        }
        if (status == DocumentStatus.FAILED || status == DocumentStatus.METADATA_UPDATE_FAILED
                || status == DocumentStatus.IGNORED) {
            return IndexState.failed(detail.statusReason() == null ? detail.statusAsString() : detail.statusReason());
        }
        return IndexState.PENDING;
    }

    @Override
    public List<IngestionJob> recentJobs(int limit) {
        return agent.listIngestionJobs(request -> request.knowledgeBaseId(knowledgeBaseId).dataSourceId(dataSourceId)
                        .maxResults(limit)
                        .sortBy(sort -> sort.attribute(IngestionJobSortByAttribute.STARTED_AT).order(SortOrder.DESCENDING)))
                .ingestionJobSummaries().stream()
                .map(summary -> "FAILED".equals(summary.statusAsString())
                        ? job(agent.getIngestionJob(request -> request.knowledgeBaseId(knowledgeBaseId)
                                .dataSourceId(dataSourceId).ingestionJobId(summary.ingestionJobId())).ingestionJob())
                        : new IngestionJob(summary.ingestionJobId(), summary.statusAsString(), summary.startedAt(),
                                finished(summary.statusAsString(), summary.updatedAt()), scanned(summary.statistics()),
                                indexed(summary.statistics()), failed(summary.statistics()), List.of()))
                .toList();
    }

    @Override
    public IngestionJob startJob() {
        return job(agent.startIngestionJob(request -> request.knowledgeBaseId(knowledgeBaseId).dataSourceId(dataSourceId)
                .description("Started by an operator")).ingestionJob());
    }

    private static IngestionJob job(software.amazon.awssdk.services.bedrockagent.model.IngestionJob job) {
        return new IngestionJob(job.ingestionJobId(), job.statusAsString(), job.startedAt(),
                finished(job.statusAsString(), job.updatedAt()), scanned(job.statistics()), indexed(job.statistics()),
                failed(job.statistics()), job.failureReasons());
    }

    /** A job's updatedAt is its end once it is COMPLETE, FAILED or STOPPED. */
    private static Optional<Instant> finished(String status, Instant updatedAt) {
        return List.of("COMPLETE", "FAILED", "STOPPED").contains(status) ? Optional.ofNullable(updatedAt) : Optional.empty();
    }

    private static long scanned(IngestionJobStatistics statistics) {
        return statistics == null || statistics.numberOfDocumentsScanned() == null ? 0 : statistics.numberOfDocumentsScanned();
    }

    private static long indexed(IngestionJobStatistics statistics) {
        if (statistics == null) {
            return 0;
        }
        return orZero(statistics.numberOfNewDocumentsIndexed()) + orZero(statistics.numberOfModifiedDocumentsIndexed());
    }

    private static long failed(IngestionJobStatistics statistics) {
        return statistics == null ? 0 : orZero(statistics.numberOfDocumentsFailed());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
