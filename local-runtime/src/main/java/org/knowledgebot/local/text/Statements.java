package org.knowledgebot.local.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a passage (Markdown or plain text) into {@link Statement}s: prose (hard-wrapped lines joined) into
 * {@link Sentences}, each list item into one statement (after a lead-in ending in ":" the item is read with it:
 * "You need a permit to build a deck ..."), each table row into "first cell: header value, ...". Headings give
 * the statements under them their context and are not statements themselves. Every statement ends in punctuation
 * and has balanced emphasis, so quoting one never leaves a sentence or a bold marker open.
 */
public final class Statements {
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?");
    private static final Pattern LIST_MARKER = Pattern.compile("^([-*+]|\\d+[.)])\\s+");
    private static final Pattern CLOSING = Pattern.compile("[.!?:)\"'”’]$");
    private static final int HEADING_WORDS = 6;

    private Statements() {
    }

    public static List<Statement> of(String passage) {
        return new Reader().read(passage);
    }

    /** The state of one pass over a passage's lines. */
    private static final class Reader {
        private final List<Statement> statements = new ArrayList<>();
        private final StringBuilder prose = new StringBuilder();
        private final StringBuilder item = new StringBuilder();
        private String heading = "";
        private String leadIn = "";
        private List<String> tableHeader = List.of();
        private String pendingRow = null;
        private String lastLine = "";

        List<Statement> read(String passage) {
            for (String raw : passage.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty()) {
                    if (looksLikeHeading(prose.toString().strip())) {
                        heading = Emphasis.balanced(prose.toString().strip());
                        prose.setLength(0);
                    }
                    endBlock();
                    leadIn = "";
                    lastLine = "";
                } else if (HEADING.matcher(line).find()) {
                    endBlock();
                    leadIn = "";
                    heading = Emphasis.balanced(HEADING.matcher(line).replaceFirst("").replace("#", "").strip());
                } else if (line.startsWith("|") || TABLE_SEPARATOR.matcher(line).matches()) {
                    endProse();
                    tableLine(line);
                } else if (LIST_MARKER.matcher(line).find()) {
                    endItem();
                    endRow();
                    if (prose.length() > 0) {
                        endProseKeepingLeadIn();
                    }
                    item.append(LIST_MARKER.matcher(line).replaceFirst(""));
                } else if (item.length() > 0) {
                    item.append(' ').append(line);
                } else {
                    endRow();
                    proseLine(line);
                }
            }
            endBlock();
            return statements;
        }

        /**
         * A line of prose. A line that follows a finished sentence starts a new one even when it starts with a day
         * ("8:00 p.m." then "Friday: ..." in a plain-text timetable); a short line without punctuation followed by
         * a new line is a plain-text heading ("Getting a card").
         */
        private void proseLine(String line) {
            String previous = prose.toString().strip();
            boolean startsUpper = Character.isUpperCase(line.codePointAt(0)) || Character.isDigit(line.codePointAt(0));
            if (!previous.isEmpty() && startsUpper && CLOSING.matcher(previous.replaceAll("[*_]+$", "")).find()) {
                endProse();
            } else if (startsUpper && looksLikeHeading(previous)) {
                prose.setLength(0);
                heading = Emphasis.balanced(previous);
            }
            prose.append(prose.length() == 0 ? "" : " ").append(line);
            lastLine = line;
        }

        private boolean looksLikeHeading(String previous) {
            return !previous.isEmpty() && previous.equals(lastLine) && Character.isUpperCase(previous.codePointAt(0))
                    && previous.split("\\s+").length <= HEADING_WORDS && !previous.matches(".*[,;(\\d].*");
        }

        private void tableLine(String line) {
            if (TABLE_SEPARATOR.matcher(line).matches()) {
                // The row before a separator is the header: it names the columns of the rows that follow.
                tableHeader = pendingRow == null ? List.of() : cells(pendingRow);
                pendingRow = null;
                return;
            }
            endRow();
            pendingRow = line;
        }

        private void endRow() {
            if (pendingRow == null) {
                return;
            }
            List<String> cells = cells(pendingRow);
            pendingRow = null;
            if (cells.isEmpty()) {
                return;
            }
            StringBuilder row = new StringBuilder(cells.get(0));
            for (int i = 1; i < cells.size(); i++) {
                String name = i < tableHeader.size() ? tableHeader.get(i) : "";
                row.append(i == 1 ? ": " : ", ").append(name.isEmpty() ? "" : name + " ").append(cells.get(i));
            }
            add(row.toString());
        }

        private void endBlock() {
            endProse();
            endItem();
            endRow();
            tableHeader = List.of();
        }

        private void endProse() {
            if (prose.length() > 0) {
                Sentences.split(prose.toString()).forEach(this::add);
                prose.setLength(0);
            }
        }

        private void endItem() {
            if (item.length() == 0) {
                return;
            }
            String text = item.toString().strip();
            item.setLength(0);
            if (leadIn.isEmpty()) {
                add(text, false);
                return;
            }
            String lead = leadIn.substring(0, leadIn.length() - 1).strip();
            boolean continuesLeadIn = !text.isEmpty() && Character.isLowerCase(text.charAt(0));
            add(continuesLeadIn ? lead + " " + text : lead + ": " + text);
        }

        private void add(String raw) {
            add(raw, true);
        }

        private void add(String raw, boolean standsAlone) {
            String text = Emphasis.balanced(raw.strip().replaceAll("\\s+", " "));
            if (text.isEmpty()) {
                return;
            }
            text = text.replaceAll("(;|,|\\s+(and|or))$", "");
            if (!CLOSING.matcher(text.replaceAll("[*_]+$", "")).find()) {
                text = text + ".";
            } else if (text.endsWith(":")) {
                text = text.substring(0, text.length() - 1) + ".";
            }
            Statement statement = new Statement(text, heading, standsAlone);
            if (!statements.contains(statement)) {
                statements.add(statement);
            }
        }

        /** Prose before a list: a last sentence ending in ":" introduces the items instead of standing alone. */
        private void endProseKeepingLeadIn() {
            List<String> sentences = new ArrayList<>(Sentences.split(prose.toString()));
            prose.setLength(0);
            String last = sentences.isEmpty() ? "" : sentences.get(sentences.size() - 1);
            leadIn = last.endsWith(":") ? last : "";
            if (!leadIn.isEmpty()) {
                sentences.remove(sentences.size() - 1);
            }
            sentences.forEach(this::add);
        }

        private static List<String> cells(String line) {
            return Arrays.stream(line.replaceAll("^\\||\\|$", "").split("\\|")).map(String::strip).toList();
        }
    }
}
