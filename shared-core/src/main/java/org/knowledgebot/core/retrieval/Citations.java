package org.knowledgebot.core.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Source;

/**
 * How answers cite the knowledge. The kept passages are numbered by document: passages of one document share a
 * number (in retrieval order of the document's first passage), so {@code [n]} in an answer names one source.
 * The sources shown are those the answer cites, in the order it first cites them, at most {@code maxSources}; an
 * answer that cites nothing (a model that ignored the rule) shows the first sources in retrieval order instead.
 */
public final class Citations {
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3})]");

    private Citations() {
    }

    /** The kept passages grouped by document, in order: group n - 1 is cited as {@code [n]}. */
    public static List<List<Passage>> numbered(List<Passage> kept) {
        Map<String, List<Passage>> groups = new LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            Passage passage = kept.get(i);
            String key = passage.uri().isBlank() ? "\u0000" + i : passage.uri();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(passage);
        }
        return List.copyOf(groups.values());
    }

    /** One source per numbered document with a uri, carrying its number and the excerpt of its best passage. */
    public static List<Source> sources(List<Passage> kept) {
        List<Source> sources = new ArrayList<>();
        List<List<Passage>> groups = numbered(kept);
        for (int n = 1; n <= groups.size(); n++) {
            Passage best = groups.get(n - 1).get(0);
            if (!best.uri().isBlank()) {
                sources.add(new Source(best.title(), best.uri(), best.text(), best.confidence(), n));
            }
        }
        return sources;
    }

    /** The sources {@code answer} cites, in citation order, at most {@code maxSources}; see the class comment. */
    public static List<Source> shown(List<Source> numbered, String answer, int maxSources) {
        Map<Integer, Source> byIndex = new LinkedHashMap<>();
        numbered.forEach(source -> byIndex.put(source.index(), source));
        Set<Integer> cited = new LinkedHashSet<>();
        Matcher citation = CITATION.matcher(answer == null ? "" : answer);
        while (citation.find()) {
            cited.add(Integer.parseInt(citation.group(1)));
        }
        if (cited.isEmpty()) {
            return numbered.stream().limit(maxSources).toList();
        }
        return cited.stream().map(byIndex::get).filter(source -> source != null).limit(maxSources).toList();
    }
}
