package org.knowledgebot.core.gaps;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The wording two questions share when they differ only in case, accents, punctuation or spacing: "When is the
 * tax due?" and "when is the TAX due" are one gap.
 */
final class QuestionWording {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private QuestionWording() {
    }

    static String normalized(String question) {
        String folded = MARKS.matcher(Normalizer.normalize(question, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORDS.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
