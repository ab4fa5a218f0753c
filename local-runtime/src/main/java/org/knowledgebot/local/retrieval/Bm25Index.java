package org.knowledgebot.local.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
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

/** Lucene BM25 over passages' titles and texts, in memory; a hit names the passage by its position in the list. */
final class Bm25Index {
    private static final Map<String, Float> FIELD_BOOSTS = Map.of("text", 1.0f, "title", 0.5f);
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexSearcher searcher;

    record Hit(int passage, double score) {
    }

    Bm25Index(List<IndexedPassage> passages) throws IOException {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < passages.size(); i++) {
                Document document = new Document();
                document.add(new StoredField("position", i));
                document.add(new TextField("title", passages.get(i).title(), Field.Store.NO));
                document.add(new TextField("text", passages.get(i).text(), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
        }
        searcher = new IndexSearcher(DirectoryReader.open(directory));
        searcher.setSimilarity(new BM25Similarity());
    }

    /** The best {@code count} passages for the words of {@code question}, best first; none when nothing matches. */
    List<Hit> search(String question, int count) throws IOException {
        Query query;
        try {
            query = new MultiFieldQueryParser(new String[] {"text", "title"}, analyzer, FIELD_BOOSTS)
                    .parse(QueryParser.escape(question));
        } catch (ParseException e) {
            // Only stop words or punctuation: no word to search for.
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
            hits.add(new Hit(searcher.storedFields().document(hit.doc).getField("position").numericValue().intValue(), hit.score));
        }
        return hits;
    }
}
