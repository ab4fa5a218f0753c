package org.knowledgebot.local.retrieval;

import java.util.List;

/** Turns texts into unit-length vectors whose dot product is their cosine similarity. */
public interface TextEmbedder {
    /** Names the model, so vectors cached for one model are never read for another. */
    String modelId();

    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
