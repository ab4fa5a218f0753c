package org.knowledgebot.local.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.port.RetrievalException;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.local.text.Statement;
import org.knowledgebot.local.text.Statements;

/**
 * Hybrid search over a {@link KnowledgeFolder}: dense vectors (all-MiniLM-L6-v2) for the question's meaning and
 * Lucene BM25 for its words, fused into {@link ConfidenceMapping#score} (cosine plus capped BM25), which ranks the
 * passages and gives each its confidence on one absolute scale; a question that no document stands out for
 * ({@link ConfidenceMapping#isSpecific}) gets only LOW passages. (On {@code eval/questions.json} this fusion put
 * the right document first for 59 of 62 answerable questions and in the first three for all; reciprocal rank
 * fusion 58 and 62, BM25 alone 56 and 60.) Before a query the folder's fingerprint is compared (at most once
 * per {@code recheckInterval}) and the index rebuilt when a file was added, changed or removed; only texts whose
 * vectors are not in the {@link EmbeddingCache} are embedded again.
 */
public final class HybridRetriever implements Retriever {
    /** Like Kendra, only the start of a long question matters; this also keeps the query small. */
    static final int MAX_QUERY_CHARS = 1000;
    private static final int BM25_CANDIDATES = 20;

    private final KnowledgeFolder folder;
    private final EmbeddingCache vectors;
    private final int pageSize;
    private final ConfidenceMapping mapping;
    private final Clock clock;
    private final Duration recheckInterval;

    /** Replaced whole on a rebuild; searches still holding the old one finish on it. */
    private volatile Index index;

    private record Index(String fingerprint, Instant checkedAt, List<IndexedPassage> passages, Bm25Index bm25) {
    }

    public HybridRetriever(KnowledgeFolder folder, EmbeddingCache vectors, int pageSize, ConfidenceMapping mapping,
                           Clock clock, Duration recheckInterval) {
        this.folder = folder;
        this.vectors = vectors;
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
        Index current = currentIndex();
        List<IndexedPassage> passages = current.passages();
        if (passages.isEmpty()) {
            return List.of();
        }
        List<Bm25Index.Hit> lexical;
        try {
            lexical = current.bm25().search(queryText, BM25_CANDIDATES);
        } catch (IOException e) {
            throw new RetrievalException("The local document index could not be searched.", e);
        }
        Map<Integer, Double> lexicalScore = new HashMap<>();
        lexical.forEach(hit -> lexicalScore.put(hit.passage(), hit.score()));
        float[] questionVector = vectors.vector(queryText);
        double[] score = new double[passages.size()];
        Map<String, Double> bestSimilarityByDocument = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            double similarity = passages.get(i).similarity(questionVector);
            bestSimilarityByDocument.merge(passages.get(i).uri(), similarity, Math::max);
            score[i] = ConfidenceMapping.score(similarity, lexicalScore.getOrDefault(i, 0.0));
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        boolean specific = ConfidenceMapping.isSpecific(bestSimilarityByDocument.values());
        List<Passage> results = new ArrayList<>();
        for (int i : order.subList(0, Math.min(pageSize, order.size()))) {
            IndexedPassage passage = passages.get(i);
            results.add(new Passage(passage.id(), passage.title(), passage.uri(), passage.text(),
                    specific ? mapping.bucket(score[i]) : Confidence.LOW));
        }
        return results;
    }

    /** Number of passages in the current index; rebuilds it first when the folder changed. */
    public int passageCount() {
        return currentIndex().passages().size();
    }

    /** The titles of the indexed documents, in index order. */
    public List<String> documentTitles() {
        return currentIndex().passages().stream().map(IndexedPassage::title).distinct().toList();
    }

    KnowledgeFolder folder() {
        return folder;
    }

    /** The folder fingerprint the current index was built from ({@code ""} before the first build); no rebuild. */
    public String indexedFingerprint() {
        Index current = index;
        return current == null ? "" : current.fingerprint();
    }

    /** Rebuilds the index from the folder now (an operator's "sync now"), whatever the recheck interval. */
    public synchronized void reindex() {
        String fingerprint = folder.fingerprint();
        index = build(fingerprint, clock.instant());
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
                index = new Index(fingerprint, now, current.passages(), current.bm25());
            } else {
                index = build(fingerprint, now);
            }
            return index;
        }
    }

    private Index build(String fingerprint, Instant now) {
        try {
            List<KnowledgeDocument> documents = folder.read();
            List<String> texts = new ArrayList<>();
            List<List<Statement>> statements = new ArrayList<>();
            for (KnowledgeDocument document : documents) {
                for (String passage : document.passages()) {
                    List<Statement> ofPassage = Statements.of(passage);
                    statements.add(ofPassage);
                    texts.add(passageMatchText(document.title(), passage));
                    ofPassage.forEach(statement -> texts.add(statement.matchText(document.title())));
                }
            }
            List<float[]> embedded = vectors.vectors(texts);
            List<IndexedPassage> passages = new ArrayList<>();
            int next = 0;
            int passageNumber = 0;
            for (KnowledgeDocument document : documents) {
                for (int i = 0; i < document.passages().size(); i++) {
                    int statementCount = statements.get(passageNumber++).size();
                    float[] vector = embedded.get(next);
                    List<float[]> statementVectors = List.copyOf(embedded.subList(next + 1, next + 1 + statementCount));
                    next += 1 + statementCount;
                    passages.add(new IndexedPassage(document.relativePath() + "#" + (i + 1), document.title(),
                            document.uri(), document.passages().get(i), vector, statementVectors));
                }
            }
            return new Index(fingerprint, now, List.copyOf(passages), new Bm25Index(passages));
        } catch (IOException | UncheckedIOException e) {
            throw new RetrievalException("The local document index could not be built.", e);
        }
    }

    /** What a passage's vector is computed from: its document's title and its text. */
    static String passageMatchText(String title, String passage) {
        return title + "\n" + passage;
    }
}
