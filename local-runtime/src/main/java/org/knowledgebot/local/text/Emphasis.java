package org.knowledgebot.local.text;

/** Markdown emphasis markers ({@code **bold**}, {@code *italic*}, {@code _italic_}) and their balance. */
final class Emphasis {
    private Emphasis() {
    }

    static boolean isBalanced(String text) {
        return count(text, "**") % 2 == 0 && count(text.replace("**", ""), "*") % 2 == 0;
    }

    /** The text with its emphasis markers removed when they do not pair up, so no quote leaves bold open. */
    static String balanced(String text) {
        return isBalanced(text) ? text : text.replace("**", "").replace("*", "");
    }

    private static int count(String text, String marker) {
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            count++;
        }
        return count;
    }
}
