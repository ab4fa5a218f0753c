package org.knowledgebot.core.domain;

/** Text helpers for user-visible strings. */
public final class Texts {
    private Texts() {
    }

    /**
     * The first {@code maxChars} UTF-16 units of {@code text}, one fewer when the cut would split a surrogate pair
     * (a lone half of an emoji is not valid text on the wire). Texts within the limit come back unchanged.
     */
    public static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = maxChars;
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut);
    }

    /** As {@link #truncate}, with an ellipsis appended when something was cut. */
    public static String abbreviate(String text, int maxChars) {
        String cut = truncate(text, maxChars);
        return cut.length() < text.length() ? cut + "…" : text;
    }
}
