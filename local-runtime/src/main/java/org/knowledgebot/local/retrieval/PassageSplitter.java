package org.knowledgebot.local.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.knowledgebot.local.text.Sentences;

/**
 * Cuts plain text into passages of about 200 words. Paragraphs are kept together while they fit, with their line
 * breaks and the blank line between them, so lists, tables and headings of plain text still read as such; a
 * paragraph longer than the limit is cut into windows of whole sentences of about the target size.
 */
final class PassageSplitter {
    static final int TARGET_WORDS = 200;
    private static final int MAX_WORDS = 250;

    private PassageSplitter() {
    }

    static List<String> split(String text) {
        List<String> passages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int currentWords = 0;
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String tidy = paragraph.lines().map(String::strip).filter(line -> !line.isEmpty())
                    .map(line -> line.replaceAll("\\s+", " ")).collect(Collectors.joining("\n"));
            if (tidy.isEmpty()) {
                continue;
            }
            String[] words = tidy.split("\\s+");
            if (!current.isEmpty() && currentWords + words.length > MAX_WORDS) {
                passages.add(String.join("\n\n", current));
                current.clear();
                currentWords = 0;
            }
            if (words.length > MAX_WORDS) {
                passages.addAll(windows(tidy));
                continue;
            }
            current.add(tidy);
            currentWords += words.length;
            if (currentWords >= TARGET_WORDS) {
                passages.add(String.join("\n\n", current));
                current.clear();
                currentWords = 0;
            }
        }
        if (!current.isEmpty()) {
            passages.add(String.join("\n\n", current));
        }
        return passages;
    }

    /**
     * A long paragraph in windows of whole sentences of about {@link #TARGET_WORDS} words, so no passage starts or
     * ends mid-sentence; only a sentence longer than {@link #MAX_WORDS} words is cut between words.
     */
    private static List<String> windows(String paragraph) {
        List<String> windows = new ArrayList<>();
        StringBuilder window = new StringBuilder();
        int windowWords = 0;
        for (String sentence : Sentences.split(paragraph.replace('\n', ' '))) {
            String[] words = sentence.split("\\s+");
            if (windowWords > 0 && windowWords + words.length > TARGET_WORDS) {
                windows.add(window.toString());
                window.setLength(0);
                windowWords = 0;
            }
            if (words.length > MAX_WORDS) {
                for (int from = 0; from < words.length; from += TARGET_WORDS) {
                    windows.add(String.join(" ", Arrays.copyOfRange(words, from, Math.min(words.length, from + TARGET_WORDS))));
                }
                continue;
            }
            window.append(windowWords == 0 ? "" : " ").append(sentence);
            windowWords += words.length;
        }
        if (windowWords > 0) {
            windows.add(window.toString());
        }
        return windows;
    }
}
