package org.knowledgebot.local.eval;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one answer did. A source is an expected document when its URI ends with {@code /<document>}. hit@3 needs
 * every expected document among the first three sources; hit@1 needs the first source to be one of them. A fact
 * counts when one of its spellings appears in the answer, ignoring case, Markdown emphasis and spacing. An answer
 * is cut when it does not end a sentence (ignoring trailing citations) or leaves a {@code **} open.
 */
public record CaseScore(EvalCase evalCase, EvalAnswer answer, boolean hitAt1, boolean hitAt3, boolean factsFound,
                        int sources, int offTopicSources, boolean cut) {
    private static final Pattern TRAILING_CITATIONS = Pattern.compile("(\\s*\\[\\d+])+\\s*$");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?:)\"'”’]$", Pattern.DOTALL);

    public static CaseScore of(EvalCase evalCase, EvalAnswer answer) {
        List<String> uris = answer.sourceUris();
        List<String> expected = evalCase.documents();
        boolean hitAt1 = !uris.isEmpty() && expected.stream().anyMatch(doc -> isDocument(uris.get(0), doc));
        List<String> top3 = uris.subList(0, Math.min(3, uris.size()));
        boolean hitAt3 = !expected.isEmpty()
                && expected.stream().allMatch(doc -> top3.stream().anyMatch(uri -> isDocument(uri, doc)));
        String text = normalized(answer.text());
        boolean facts = evalCase.facts().stream()
                .allMatch(fact -> fact.stream().anyMatch(spelling -> text.contains(normalized(spelling))));
        int offTopic = (int) uris.stream().filter(uri -> expected.stream().noneMatch(doc -> isDocument(uri, doc))).count();
        return new CaseScore(evalCase, answer, hitAt1, hitAt3, facts, uris.size(), offTopic, isCut(answer.text()));
    }

    static boolean isDocument(String uri, String document) {
        return uri.equals(document) || uri.endsWith("/" + document);
    }

    static String normalized(String text) {
        return text.replace("**", "").replace('\u00a0', ' ').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).strip();
    }

    static boolean isCut(String answer) {
        String text = TRAILING_CITATIONS.matcher(answer.strip()).replaceAll("").strip();
        if (text.isEmpty()) {
            return false;
        }
        int emphasis = text.split("\\*\\*", -1).length - 1;
        return emphasis % 2 != 0 || !SENTENCE_END.matcher(text.replaceAll("[*_]+$", "")).matches();
    }
}
