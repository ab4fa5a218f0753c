package org.knowledgebot.local.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passages of a system prompt's {@code Knowledge:} section as the answer prompt numbers them
 * ({@code [n] title} on a line, then the passage's text); a section without numbers is one passage, number 1.
 */
record KnowledgePassages(List<Numbered> passages) {
    private static final Pattern KNOWLEDGE = Pattern.compile("(?s)Knowledge:(.*?)(?:\\nInstructions:|\\z)");
    private static final Pattern NUMBER_LINE = Pattern.compile("(?m)^\\[(\\d+)] ?(.*)$");

    record Numbered(int number, String title, String text) {
    }

    /** The {@code Knowledge:} section's text, without the label; empty when the prompt has none. */
    static String section(String system) {
        Matcher matcher = KNOWLEDGE.matcher(system);
        return matcher.find() ? matcher.group(1).strip() : "";
    }

    static KnowledgePassages of(String section) {
        List<Numbered> passages = new ArrayList<>();
        Matcher line = NUMBER_LINE.matcher(section);
        List<int[]> starts = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (line.find()) {
            starts.add(new int[] {line.start(), line.end()});
            heads.add(new String[] {line.group(1), line.group(2).strip()});
        }
        if (starts.isEmpty()) {
            return new KnowledgePassages(section.isBlank() ? List.of() : List.of(new Numbered(1, "", section.strip())));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : section.length();
            passages.add(new Numbered(Integer.parseInt(heads.get(i)[0]), heads.get(i)[1],
                    section.substring(starts.get(i)[1], end).strip()));
        }
        return new KnowledgePassages(List.copyOf(passages));
    }
}
