package org.knowledgebot.local.retrieval;

import java.util.List;

/**
 * A passage of the knowledge with its vector and the vectors of its statements (see
 * {@link org.knowledgebot.local.text.Statements}), so a question matching one sentence of a long passage finds it.
 */
record IndexedPassage(String id, String title, String uri, String text, float[] vector, List<float[]> statementVectors) {
    /** The cosine of the question with the passage or with its best matching statement, whichever is higher. */
    double similarity(float[] question) {
        double best = TextEmbedder.cosine(question, vector);
        for (float[] statement : statementVectors) {
            best = Math.max(best, TextEmbedder.cosine(question, statement));
        }
        return best;
    }
}
