package org.knowledgebot.local.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits prose into sentences. A full stop ends a sentence only when the next word starts one (a capital, a digit,
 * a quote, an opening bracket or emphasis) and the word it ends is not an abbreviation: "U.S. citizen", "Dr. Lee",
 * "e.g. a deck" and initials never end a sentence; "a.m." and "p.m." end one only before a word that is not a day
 * or a month ("7:00 a.m. to 8:00 p.m. There are 24 polling places" is two sentences). A sentence that would leave
 * {@code **} emphasis open is joined with the next.
 */
public final class Sentences {
    private static final Pattern CANDIDATE = Pattern.compile("[.!?][\"'”’)\\]*_]*\\s+(?=[\"'“‘(\\[*_]*[\\p{Lu}\\d])");
    private static final Set<String> ABBREVIATIONS = Set.of("u.s.", "u.k.", "dr.", "mr.", "mrs.", "ms.", "st.", "jr.",
            "sr.", "e.g.", "i.e.", "etc.", "no.", "vs.", "approx.", "ave.", "blvd.", "rd.", "mt.", "ft.", "inc.", "co.",
            "dept.", "tel.", "fig.", "prof.", "gov.");
    private static final Set<String> CLOCK_MARKS = Set.of("a.m.", "p.m.");
    private static final Set<String> CALENDAR_WORDS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "eastern", "et", "est", "edt");
    private static final Pattern LAST_WORD = Pattern.compile("(\\S+)$");
    private static final Pattern NEXT_WORD = Pattern.compile("^[\"'“‘(\\[*_]*([\\p{L}\\d][\\p{L}\\d.]*)");

    private static final Pattern OPENING_MARKS = Pattern.compile("^[\"'“‘(\\[*_]+");
    private static final Pattern CLOSING_MARKS = Pattern.compile("[\"'”’)\\]*_]+$");
    /** An initial ("J.") or a dotted acronym ("U.S.", "i.e."). */
    private static final Pattern DOTTED = Pattern.compile("(\\p{L}\\.)+");

    private Sentences() {
    }

    public static List<String> split(String prose) {
        List<String> sentences = new ArrayList<>();
        String text = prose.strip();
        int start = 0;
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            int punctuation = candidate.start();
            String before = text.substring(start, punctuation + 1);
            String after = text.substring(candidate.end());
            if (endsSentence(before, after)) {
                String sentence = text.substring(start, candidate.end()).strip();
                if (Emphasis.isBalanced(sentence)) {
                    sentences.add(sentence);
                    start = candidate.end();
                }
            }
        }
        String rest = text.substring(start).strip();
        if (!rest.isEmpty()) {
            sentences.add(rest);
        }
        return sentences;
    }

    private static boolean endsSentence(String before, String after) {
        Matcher last = LAST_WORD.matcher(before);
        if (!last.find()) {
            return true;
        }
        String word = CLOSING_MARKS.matcher(OPENING_MARKS.matcher(last.group(1)).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
        if (CLOCK_MARKS.contains(word)) {
            Matcher next = NEXT_WORD.matcher(after);
            return next.find() && !CALENDAR_WORDS.contains(next.group(1).toLowerCase(Locale.ROOT).replaceFirst("\\.$", ""));
        }
        // Abbreviations, initials ("J.") and dotted acronyms ("U.S.", "i.e.") do not end a sentence.
        return !(ABBREVIATIONS.contains(word) || DOTTED.matcher(word).matches());
    }
}
