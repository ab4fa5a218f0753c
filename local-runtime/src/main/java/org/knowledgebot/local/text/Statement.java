package org.knowledgebot.local.text;

/**
 * One statement of a passage, ready to quote: a whole sentence, a list item or a table row, with its Markdown
 * emphasis balanced and ending in punctuation. {@code context} is the heading it stands under (may be empty); it
 * helps match a short item like "Friday and Saturday nights: 11:00 p.m. to 8:00 a.m." to "quiet hours".
 */
public record Statement(String text, String context) {
    /** What is embedded and matched: the document's title, the heading, then the statement. */
    public String matchText(String title) {
        return (title.isEmpty() ? "" : title + ". ") + (context.isEmpty() ? text : context + ": " + text);
    }
}
