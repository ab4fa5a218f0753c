package org.knowledgebot.core.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One ingestion run (a knowledge base ingestion job, a Kendra sync job, a local re-index): its state as the service
 * names it ({@code STARTING}, {@code IN_PROGRESS}, {@code COMPLETE}, {@code FAILED}, ...), when it ran, the
 * documents it scanned, indexed and failed, and the reasons it gave.
 */
public record IngestionJob(String id, String status, Instant startedAt, Optional<Instant> finishedAt, long scanned,
                           long indexed, long failed, List<String> failureReasons) {
    public IngestionJob {
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        failureReasons = failureReasons == null ? List.of() : List.copyOf(failureReasons);
    }
}
