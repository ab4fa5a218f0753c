package org.knowledgebot.local.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import org.knowledgebot.core.port.Retriever;

/**
 * BM25 search over a {@link KnowledgeFolder}, in memory. Before a query the folder's fingerprint is compared
 * (at most once per {@code recheckInterval}) and the index is rebuilt when a file was added, changed or removed,
 * so editing a document is picked up without a restart.
 */
public final class LuceneRetriever implements Retriever {
    /** Like Kendra, only the start of a long question matters; this also keeps the query small. */
    static final int MAX_QUERY_CHARS = 1000;
    private static final Map<String, Float> FIELD_BOOSTS = Map.of("text", 1.0f, "title", 0.5f);

    private final KnowledgeFolder folder;
    private final int pageSize;
    private final ConfidenceMapping mapping;
    private final Clock clock;
    private final Duration recheckInterval;
    private final Analyzer analyzer = new EnglishAnalyzer();

    /** Replaced whole on a rebuild; an old in-memory reader is left to the garbage collector, as searches may still hold it. */
    private volatile Index index;

    private record Index(String fingerprint, Instant checkedAt, IndexSearcher searcher) {
    }

    public LuceneRetriever(KnowledgeFolder folder, int pageSize, ConfidenceMapping mapping, Clock clock, Duration recheckInterval) {
        this.folder = folder;
        this.pageSize = pageSize;
        this.mapping = mapping;
        this.clock = clock;
        this.recheckInterval = recheckInterval;
    }

    @Override
    public List<Passage> retrieve(String question) {
        String queryText = question == null ? "" : question.strip();
        if (queryText.length() > MAX_QUERY_CHARS) {
            queryText = queryText.substring(0, MAX_QUERY_CHARS);
        }
        if (queryText.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = currentIndex().searcher();
        Query query;
        try {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"text", "title"}, analyzer, FIELD_BOOSTS);
            query = parser.parse(QueryParser.escape(queryText));
        } catch (ParseException e) {
            return List.of();
        }
        try {
            ScoreDoc[] hits = searcher.search(query, pageSize).scoreDocs;
            List<Passage> passages = new ArrayList<>(hits.length);
            double top = hits.length == 0 ? 0 : hits[0].score;
            for (ScoreDoc hit : hits) {
                Document document = searcher.storedFields().document(hit.doc);
                passages.add(new Passage(document.get("id"), document.get("title"), document.get("uri"),
                        document.get("text"), mapping.bucket(hit.score, top)));
            }
            return passages;
        } catch (IOException e) {
            throw new RetrievalException("The local document index could not be searched.", e);
        }
    }

    /** Number of passages in the current index; rebuilds it first when the folder changed. */
    public int passageCount() {
        return currentIndex().searcher().getIndexReader().numDocs();
    }

    private Index currentIndex() {
        Index current = index;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.checkedAt().plus(recheckInterval))) {
            return current;
        }
        synchronized (this) {
            current = index;
            if (current != null && now.isBefore(current.checkedAt().plus(recheckInterval))) {
                return current;
            }
            String fingerprint = folder.fingerprint();
            if (current != null && current.fingerprint().equals(fingerprint)) {
                index = new Index(fingerprint, now, current.searcher());
            } else {
                index = new Index(fingerprint, now, build());
            }
            return index;
        }
    }

    private IndexSearcher build() {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (KnowledgeDocument document : folder.read()) {
                for (int i = 0; i < document.passages().size(); i++) {
                    Document passage = new Document();
                    passage.add(new StringField("id", document.relativePath() + "#" + (i + 1), Field.Store.YES));
                    passage.add(new TextField("title", document.title(), Field.Store.YES));
                    passage.add(new StoredField("uri", document.uri()));
                    passage.add(new TextField("text", document.passages().get(i), Field.Store.YES));
                    writer.addDocument(passage);
                }
            }
            writer.commit();
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
            return searcher;
        } catch (IOException | UncheckedIOException e) {
            throw new RetrievalException("The local document index could not be built.", e);
        }
    }
}
