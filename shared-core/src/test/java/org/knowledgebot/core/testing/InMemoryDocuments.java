package org.knowledgebot.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowledgebot.core.documents.DocumentPath;
import org.knowledgebot.core.documents.DocumentStore;
import org.knowledgebot.core.documents.IndexState;
import org.knowledgebot.core.documents.IngestionJob;
import org.knowledgebot.core.documents.KnowledgeIndex;
import org.knowledgebot.core.documents.StoredDocument;
import org.knowledgebot.core.documents.UploadTicket;

/** A {@link DocumentStore} and {@link KnowledgeIndex} in memory: documents, states and jobs set by the test. */
public final class InMemoryDocuments implements DocumentStore, KnowledgeIndex {
    private final Clock clock;
    private final Map<String, StoredDocument> documents = new TreeMap<>();
    private final Map<String, IndexState> states = new LinkedHashMap<>();
    private final List<IngestionJob> jobs = new ArrayList<>();
    private final List<String> uploadsPrepared = new ArrayList<>();

    public InMemoryDocuments(Clock clock) {
        this.clock = clock;
    }

    public synchronized InMemoryDocuments add(String path, long size, IndexState state) {
        documents.put(path, new StoredDocument(path, size, clock.instant()));
        states.put(path, state);
        return this;
    }

    /** Every upload prepared, as {@code path|contentType|size}. */
    public synchronized List<String> uploadsPrepared() {
        return List.copyOf(uploadsPrepared);
    }

    public synchronized List<IngestionJob> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public synchronized List<StoredDocument> list() {
        return List.copyOf(documents.values());
    }

    @Override
    public synchronized UploadTicket prepareUpload(DocumentPath path, String contentType, long size, Duration validity) {
        uploadsPrepared.add(path.value() + "|" + contentType + "|" + size);
        return new UploadTicket("https://uploads.example/" + path.value(), Map.of("Content-Type", contentType),
                clock.instant().plus(validity));
    }

    @Override
    public synchronized boolean delete(DocumentPath path) {
        states.remove(path.value());
        return documents.remove(path.value()) != null;
    }

    @Override
    public synchronized Map<String, IndexState> states(List<String> paths) {
        Map<String, IndexState> known = new LinkedHashMap<>();
        paths.forEach(path -> known.put(path, states.getOrDefault(path, IndexState.PENDING)));
        return known;
    }

    @Override
    public synchronized List<IngestionJob> recentJobs(int limit) {
        List<IngestionJob> newestFirst = new ArrayList<>(jobs);
        java.util.Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }

    @Override
    public synchronized IngestionJob startJob() {
        Instant now = clock.instant();
        IngestionJob job = new IngestionJob("job-" + (jobs.size() + 1), "STARTING", now, null, 0, 0, 0, List.of());
        jobs.add(job);
        return job;
    }
}
