package org.knowledgebot.local.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The meaningful words of a question: lower-cased, stop words and one-letter words removed, first occurrence order. */
final class KeyTerms {
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
            "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
            "do", "does", "doing", "down", "during", "each", "else", "few", "for", "from", "further", "get", "gets",
            "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into",
            "is", "it", "its", "itself", "just", "know", "let", "like", "may", "me", "might", "more", "most", "much",
            "must", "my", "need", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
            "our", "ours", "out", "over", "own", "please", "same", "she", "should", "so", "some", "such", "tell",
            "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
            "through", "to", "too", "under", "until", "up", "us", "very", "want", "was", "we", "were", "what",
            "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
            "also", "many", "there's", "what's", "it's", "i'm", "don't", "can't");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern EDGE_QUOTES = Pattern.compile("^'+|'+$");

    private KeyTerms() {
    }

    static List<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : NOT_WORD.split(text.toLowerCase(Locale.ROOT))) {
            String term = EDGE_QUOTES.matcher(word).replaceAll("");
            if (term.length() > 1 && !STOP_WORDS.contains(term)) {
                terms.add(term);
            }
        }
        return new ArrayList<>(terms);
    }

    /**
     * A crude stem so that "permits" matches "permit", "costs" matches "cost" and "renewing" matches "renewal":
     * a plural "s" dropped, then the first five letters.
     */
    static String stem(String term) {
        String singular = term.length() > 3 && term.endsWith("s") && !term.endsWith("ss") ? term.substring(0, term.length() - 1) : term;
        return singular.length() <= 5 ? singular : singular.substring(0, 5);
    }
}
