package org.knowledgebot.local.retrieval;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.documents.IndexState;
import org.knowledgebot.core.documents.IngestionJob;
import org.knowledgebot.core.documents.KnowledgeIndex;

/**
 * The local Lucene index as the operators' console sees it: a file is indexed when the current index was built
 * from it as it is now, failed when it could not be read (PDFBox's or the decoder's reason), else pending (the
 * next question or "sync now" indexes it). A job is one re-index an operator started.
 */
public final class LocalKnowledgeIndex implements KnowledgeIndex {
    private final HybridRetriever retriever;
    private final KnowledgeFolder folder;
    private final Clock clock;
    private final List<IngestionJob> jobs = Collections.synchronizedList(new ArrayList<>());

    public LocalKnowledgeIndex(HybridRetriever retriever, Clock clock) {
        this.retriever = retriever;
        this.folder = retriever.folder();
        this.clock = clock;
    }

    @Override
    public Map<String, IndexState> states(List<String> paths) {
        String indexed = retriever.indexedFingerprint();
        Map<String, String> failures = folder.failures();
        Map<String, IndexState> states = new HashMap<>();
        for (String path : paths) {
            boolean current = indexed.contains(folder.fingerprintOf(folder.root().resolve(path)));
            states.put(path, !current ? IndexState.PENDING
                    : failures.containsKey(path) ? IndexState.failed(failures.get(path)) : IndexState.INDEXED);
        }
        return states;
    }

    @Override
    public List<IngestionJob> recentJobs(int limit) {
        synchronized (jobs) {
            List<IngestionJob> newestFirst = new ArrayList<>(jobs);
            Collections.reverse(newestFirst);
            return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        }
    }

    /** Re-indexes the folder now; it takes well under a second for hundreds of documents, so the job is done at once. */
    @Override
    public IngestionJob startJob() {
        Instant started = clock.instant();
        retriever.reindex();
        int scanned = folder.files().size();
        List<String> reasons = folder.failures().entrySet().stream()
                .map(failure -> failure.getKey() + " " + failure.getValue()).sorted().toList();
        IngestionJob job = new IngestionJob("reindex-" + (jobs.size() + 1), reasons.isEmpty() ? "COMPLETE" : "COMPLETE_WITH_FAILURES",
                started, Optional.of(clock.instant()), scanned, scanned - reasons.size(), reasons.size(), reasons);
        jobs.add(job);
        return job;
    }
}
