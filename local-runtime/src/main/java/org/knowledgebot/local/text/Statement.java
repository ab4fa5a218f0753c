package org.knowledgebot.local.text;

/**
 * One statement of a passage, ready to quote: a whole sentence, a list item or a table row, with its Markdown
 * emphasis balanced and ending in punctuation. {@code context} is the heading it stands under (may be empty); it
 * helps match a short item like "Friday and Saturday nights: 11:00 p.m. to 8:00 a.m." to "quiet hours".
 *
 * @param standsAlone false for a list item read without a lead-in sentence: quoted alone it may not say what it is
 *     about ("Book at least 48 hours ahead" under "Dial-a-Ride transportation")
 */
public record Statement(String text, String context, boolean standsAlone) {
    public Statement(String text, String context) {
        this(text, context, true);
    }

    /** What is embedded and matched: the document's title, the heading, then the statement. */
    public String matchText(String title) {
        return (title.isEmpty() ? "" : title + ". ") + (context.isEmpty() ? text : context + ": " + text);
    }

    /** What an answer quotes: the statement, after its heading when it does not stand alone. */
    public String quoted() {
        return standsAlone || context.isEmpty() ? text : context + ": " + text;
    }
}
