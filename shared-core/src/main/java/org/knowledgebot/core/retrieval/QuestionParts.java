package org.knowledgebot.core.retrieval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.knowledgebot.core.domain.Passage;

/**
 * A question that asks two or more things ("What's the yearly fee for a dog licence, and on which days are
 * recycling carts collected?"), read as its parts, and the passages found for each part merged so that every
 * part keeps a place. Retrieving the whole question favours the document of one part; retrieving each part as well
 * finds the other.
 *
 * <p>Residents often say what they are doing before they ask ("I'm starting a food truck. What's the yearly fee,
 * and on which days does the fire department inspect?"). Such leading sentences (ending with "." or "!", not
 * asking anything) are read as context: the parts are found in the rest, and the context goes with the first part,
 * whose subject it usually gives.
 *
 * <p>Parts are separated by a question mark followed by more text, a semicolon, ", and" (", or", ", plus",
 * ", y") or " and " directly followed by a question word ("… address and when is it open?"). It is a multi-part
 * question only when its first part asks something (starts with a question word or ends with "?"), every later
 * part starts with a question word or ends with "?", and every part has at least {@link #MIN_CONTENT_WORDS}
 * words of its own beyond question and function words; a part with fewer ("and when is it open?") stays with the
 * part before it. So "Where do I take old paint and tires?" and "I moved here in May, and how do I vote?" are one
 * question each.
 */
public final class QuestionParts {
    /** The most parts a question is read as; each costs one more retrieval. */
    public static final int MAX_PARTS = 3;
    static final int MIN_CONTENT_WORDS = 2;

    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)(?<=\\?)\\s+(?=\\S)|\\s*;\\s*|,\\s+(?:and|or|plus|y)\\s+"
                    + "|\\s+and\\s+(?=(?:what|what's|when|where|where's|which|who|who's|how|why|is|are|can|do|does)\\b)");
    /** Where a sentence ending with "." or "!" ends and another starts. */
    private static final Pattern STATEMENT_END = Pattern.compile("(?<=[.!])\\s+(?=[\\p{Lu}¿¡])");
    private static final Pattern LEADING_CONJUNCTION = Pattern.compile("(?i)^(?:and|also|plus|or|y|también)\\s+|^¿");
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}'’]+");
    private static final Set<String> QUESTION_WORDS = Set.of(
            "what", "what's", "when", "where", "where's", "which", "who", "who's", "whom", "whose", "how", "why",
            "is", "are", "was", "were", "can", "could", "do", "does", "did", "will", "would", "should", "may",
            "must", "am", "qué", "cuándo", "dónde", "cuál", "cuáles", "quién", "quiénes", "cómo", "cuánto",
            "cuánta", "cuántos", "cuántas", "puedo", "hay");
    /** Words that carry no subject of their own; a part needs words beyond these. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "the", "and", "for", "from", "with", "about", "into", "onto", "over", "after", "before", "does",
            "did", "has", "have", "had", "get", "got", "need", "want", "this", "that", "these", "those", "there",
            "their", "them", "they", "its", "it's", "you", "your", "our", "his", "her", "she", "him", "any",
            "some", "also", "too", "much", "many", "long", "often", "soon", "far", "not", "all", "one", "ones",
            "then", "than", "very", "just", "like", "here", "someone", "something", "thing", "things", "please",
            "tell", "know", "los", "las", "una", "uno", "del", "por", "para", "con", "que", "mi", "mis");

    private QuestionParts() {
    }

    /**
     * The parts of {@code question}, at most {@code maxParts} (the rest joined to the last); a question that asks
     * one thing, or {@code maxParts} below 2, is one part: the question itself.
     */
    public static List<String> of(String question, int maxParts) {
        String text = question == null ? "" : question.strip().replaceAll("\\s+", " ");
        if (maxParts < 2 || text.isEmpty()) {
            return List.of(text);
        }
        StringBuilder context = new StringBuilder();
        String[] sentences = STATEMENT_END.split(text);
        int asking = 0;
        while (asking < sentences.length - 1 && !asks(sentences[asking])) {
            context.append(sentences[asking++]).append(' ');
        }
        List<String> parts = partsOf(String.join(" ", List.of(sentences).subList(asking, sentences.length)), maxParts);
        if (parts.size() < 2) {
            return List.of(text);
        }
        List<String> withContext = new ArrayList<>(parts);
        withContext.set(0, context + parts.get(0));
        return List.copyOf(withContext);
    }

    /** The parts of a text that starts by asking; one part, the text itself, when it asks one thing. */
    private static List<String> partsOf(String text, int maxParts) {
        List<String> pieces = new ArrayList<>();
        for (String piece : SEPARATOR.split(text)) {
            String stripped = LEADING_CONJUNCTION.matcher(piece.strip()).replaceFirst("").strip();
            if (!stripped.isEmpty()) {
                pieces.add(stripped);
            }
        }
        if (pieces.size() < 2 || !asks(pieces.get(0))) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        for (String piece : pieces) {
            if (parts.isEmpty() || contentWords(piece) >= MIN_CONTENT_WORDS && asks(piece)) {
                parts.add(piece);
            } else {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + " " + piece);
            }
        }
        if (parts.size() < 2 || contentWords(parts.get(0)) < MIN_CONTENT_WORDS) {
            return List.of(text);
        }
        while (parts.size() > maxParts) {
            String last = parts.remove(parts.size() - 1);
            parts.set(parts.size() - 1, parts.get(parts.size() - 1) + " " + last);
        }
        return List.copyOf(parts);
    }

    /**
     * The passages of the whole question and of each part (each list kept and in its retrieval order, the whole
     * question's first), interleaved: the first of each list, then the second of each, and so on, without repeats,
     * at most as many as the longest list. So each part's best passage is among the first {@code 1 + parts}.
     */
    public static List<Passage> interleave(List<List<Passage>> lists) {
        int limit = lists.stream().mapToInt(List::size).max().orElse(0);
        List<Passage> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int rank = 0; rank < limit && merged.size() < limit; rank++) {
            for (List<Passage> list : lists) {
                if (rank < list.size() && merged.size() < limit) {
                    Passage passage = list.get(rank);
                    if (seen.add(passage.uri() + '\u0000' + passage.text().strip())) {
                        merged.add(passage);
                    }
                }
            }
        }
        return merged;
    }

    /** Whether a piece asks something: it starts with a question word or ends with a question mark. */
    private static boolean asks(String piece) {
        String[] words = WORD.split(piece.toLowerCase(Locale.ROOT));
        String first = words.length > 1 && words[0].isEmpty() ? words[1] : words.length > 0 ? words[0] : "";
        return QUESTION_WORDS.contains(first) || piece.endsWith("?");
    }

    private static int contentWords(String piece) {
        int count = 0;
        for (String word : WORD.split(piece.toLowerCase(Locale.ROOT))) {
            if (word.length() >= 3 && !QUESTION_WORDS.contains(word) && !FUNCTION_WORDS.contains(word)) {
                count++;
            }
        }
        return count;
    }
}
