package org.knowledgebot.local.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts plain text into passages of about 200 words. Paragraphs are kept together while they fit, so a passage
 * reads as a coherent excerpt; a paragraph longer than the limit is cut into windows of the target size.
 */
final class PassageSplitter {
    static final int TARGET_WORDS = 200;
    private static final int MAX_WORDS = 250;

    private PassageSplitter() {
    }

    static List<String> split(String text) {
        List<String> passages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String[] words = paragraph.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && current.size() + words.length > MAX_WORDS) {
                passages.add(String.join(" ", current));
                current.clear();
            }
            if (words.length > MAX_WORDS) {
                for (int from = 0; from < words.length; from += TARGET_WORDS) {
                    passages.add(String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + TARGET_WORDS))));
                }
                continue;
            }
            current.addAll(Arrays.asList(words));
            if (current.size() >= TARGET_WORDS) {
                passages.add(String.join(" ", current));
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            passages.add(String.join(" ", current));
        }
        return passages;
    }
}
