package org.knowledgebot.core.retrieval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Passage;

/**
 * Keeps the passages whose confidence bucket is at or above the threshold, in retrieval order, without
 * duplicates (the same text of the same document, which Kendra returns when a document is indexed twice).
 */
public final class ConfidenceFilter {
    private final Confidence threshold;

    public ConfidenceFilter(Confidence threshold) {
        this.threshold = threshold;
    }

    public List<Passage> keep(List<Passage> passages) {
        Set<String> seen = new HashSet<>();
        List<Passage> kept = new ArrayList<>();
        for (Passage passage : passages) {
            if (passage.confidence().isAtLeast(threshold) && !passage.text().isBlank()
                    && seen.add(passage.uri() + '\u0000' + passage.text().strip())) {
                kept.add(passage);
            }
        }
        return kept;
    }
}
