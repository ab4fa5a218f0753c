package org.knowledgebot.local.retrieval;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors of texts, keyed by the SHA-256 of the text, kept in memory and in one file of the data folder
 * ({@code embeddings-<model>.bin}), so a restart embeds only passages that changed. {@link #vectors} embeds the
 * texts it has no vector for in one batch and rewrites the file with exactly the texts of the current knowledge,
 * so removed documents do not linger. Texts met only at query time ({@link #vector}) stay in a bounded memory map.
 */
public final class EmbeddingCache {
    private static final int FORMAT = 1;
    private static final int MAX_QUERY_VECTORS = 2_048;

    private final TextEmbedder embedder;
    private final Path file;
    /** Every vector computed in this process, by model and text: a pure function's memo, shared by all caches. */
    private static final Map<String, float[]> COMPUTED = new ConcurrentHashMap<>();
    private volatile Map<String, float[]> indexed;
    private final Map<String, float[]> queries = new ConcurrentHashMap<>();

    /** @param dataDir where the file lives; null keeps the vectors in memory only */
    public EmbeddingCache(TextEmbedder embedder, Path dataDir) {
        this.embedder = embedder;
        this.file = dataDir == null ? null : dataDir.resolve("embeddings-" + embedder.modelId() + ".bin");
        this.indexed = load();
    }

    /** The vectors of the knowledge's texts, in order; embeds the new ones and saves the file when any was new. */
    public synchronized List<float[]> vectors(List<String> texts) {
        Map<String, float[]> next = new LinkedHashMap<>();
        List<String> missingKeys = new ArrayList<>();
        List<String> missingTexts = new ArrayList<>();
        for (String text : texts) {
            String key = key(text);
            float[] vector = indexed.getOrDefault(key, COMPUTED.get(embedder.modelId() + key));
            if (vector != null) {
                next.put(key, vector);
            } else if (!next.containsKey(key) && !missingKeys.contains(key)) {
                missingKeys.add(key);
                missingTexts.add(text);
            }
        }
        if (!missingTexts.isEmpty()) {
            List<float[]> computed = embedder.embedAll(missingTexts);
            for (int i = 0; i < computed.size(); i++) {
                next.put(missingKeys.get(i), computed.get(i));
                COMPUTED.put(embedder.modelId() + missingKeys.get(i), computed.get(i));
            }
        }
        boolean changed = !next.keySet().equals(indexed.keySet());
        indexed = next;
        if (changed) {
            save(next);
        }
        return texts.stream().map(text -> next.get(key(text))).toList();
    }

    /** The vector of any text: from the knowledge if it is one of its texts, else embedded and remembered. */
    public float[] vector(String text) {
        String key = key(text);
        float[] known = indexed.get(key);
        if (known != null) {
            return known;
        }
        float[] vector = queries.get(key);
        if (vector == null) {
            vector = embedder.embed(text);
            if (queries.size() >= MAX_QUERY_VECTORS) {
                queries.clear();
            }
            queries.put(key, vector);
        }
        return vector;
    }

    private Map<String, float[]> load() {
        if (file == null) {
            return Map.of();
        }
        Map<String, float[]> vectors = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
            if (data.readInt() != FORMAT) {
                return Map.of();
            }
            int count = data.readInt();
            int dimension = data.readInt();
            byte[] hash = new byte[32];
            for (int i = 0; i < count; i++) {
                data.readFully(hash);
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = data.readFloat();
                }
                vectors.put(HexFormat.of().formatHex(hash), vector);
            }
            return vectors;
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            // A damaged or truncated file only costs embedding the knowledge again.
            CacheFiles.warn("ignoring the embedding cache, it is rebuilt", file, e);
            return Map.of();
        }
    }

    private void save(Map<String, float[]> vectors) {
        if (file == null || vectors.isEmpty()) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(FORMAT);
                out.writeInt(vectors.size());
                out.writeInt(vectors.values().iterator().next().length);
                for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                    out.write(HexFormat.of().parseHex(entry.getKey()));
                    for (float value : entry.getValue()) {
                        out.writeFloat(value);
                    }
                }
            }
            Path temporary = CacheFiles.temporaryBeside(file);
            if (temporary != null) {
                Files.write(temporary, bytes.toByteArray());
                CacheFiles.replace(temporary, file);
            }
        } catch (IOException | UncheckedIOException e) {
            // Answers do not need the file; the next start embeds again.
            CacheFiles.warn("could not save the embedding cache", file, e);
        }
    }

    static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
