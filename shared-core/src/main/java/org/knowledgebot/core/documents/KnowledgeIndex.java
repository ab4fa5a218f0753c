package org.knowledgebot.core.documents;

import java.util.List;
import java.util.Map;

/** The index the retriever searches (a knowledge base, a Kendra index, the local Lucene index). */
public interface KnowledgeIndex {
    /** The state of each of {@code paths}; a path the index does not know yet is {@link IndexState#PENDING}. */
    Map<String, IndexState> states(List<String> paths);

    /** The most recent ingestion runs, newest first, at most {@code limit}. */
    List<IngestionJob> recentJobs(int limit);

    /** Starts an ingestion run now and returns it as the service reports it. */
    IngestionJob startJob();
}
