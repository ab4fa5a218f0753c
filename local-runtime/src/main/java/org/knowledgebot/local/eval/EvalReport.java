package org.knowledgebot.local.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The evaluation's figures per kind of question and overall: hit@1, hit@3 and key-fact rate over answerable
 * questions; the share of answerable questions that kept sources and of out-of-scope ones that got none
 * (abstained); the share of shown sources that were not an expected document (off-topic); sources per answer;
 * answers cut mid-sentence; first-token latency. A figure that does not apply to a row is "-".
 */
public final class EvalReport {
    private static final String HEADER = "| kind | cases | hit@1 | hit@3 | key fact | kept sources | abstained "
            + "| off-topic sources | sources median (max) | cut | first token p50 / p95 |";
    private final List<CaseScore> scores;

    public EvalReport(List<CaseScore> scores) {
        this.scores = List.copyOf(scores);
    }

    /** The rows: each kind in first-seen order, then all answerable questions, then every question. */
    public Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        scores.stream().map(score -> score.evalCase().kind()).distinct()
                .forEach(kind -> rows.put(kind, row(score -> score.evalCase().kind().equals(kind))));
        rows.put("answerable", row(score -> score.evalCase().answerable()));
        rows.put("all", row(score -> true));
        return rows;
    }

    /** One row's figures; a rate is null where no question of the row counts for it. */
    public record Row(int cases, Double hitAt1, Double hitAt3, Double keyFact, Double keptSources, Double abstained,
                      Double offTopicSources, double sourcesMedian, int sourcesMax, int cut, long firstTokenP50,
                      long firstTokenP95) {
    }

    private Row row(Predicate<CaseScore> in) {
        List<CaseScore> row = scores.stream().filter(in).toList();
        List<CaseScore> answerable = row.stream().filter(s -> s.evalCase().answerable()).toList();
        List<CaseScore> outOfScope = row.stream().filter(s -> !s.evalCase().answerable()).toList();
        int shown = answerable.stream().mapToInt(CaseScore::sources).sum();
        int offTopic = answerable.stream().mapToInt(CaseScore::offTopicSources).sum();
        List<Integer> counts = row.stream().map(CaseScore::sources).sorted().toList();
        List<Long> firstTokens = row.stream().map(s -> s.answer().firstTokenMillis()).filter(ms -> ms >= 0).sorted().toList();
        return new Row(row.size(), rate(answerable, CaseScore::hitAt1), rate(answerable, CaseScore::hitAt3),
                rate(answerable, CaseScore::factsFound), rate(answerable, s -> s.sources() > 0),
                rate(outOfScope, s -> s.sources() == 0), shown == 0 ? null : (double) offTopic / shown,
                median(counts), counts.isEmpty() ? 0 : counts.get(counts.size() - 1),
                (int) row.stream().filter(CaseScore::cut).count(), percentile(firstTokens, 50), percentile(firstTokens, 95));
    }

    public String table() {
        StringBuilder table = new StringBuilder(HEADER).append('\n').append("|---".repeat(11)).append("|\n");
        rows().forEach((kind, row) -> table.append("| ").append(kind).append(" | ").append(row.cases())
                .append(" | ").append(percent(row.hitAt1())).append(" | ").append(percent(row.hitAt3()))
                .append(" | ").append(percent(row.keyFact())).append(" | ").append(percent(row.keptSources()))
                .append(" | ").append(percent(row.abstained())).append(" | ").append(percent(row.offTopicSources()))
                .append(" | ").append(String.format(Locale.ROOT, "%.0f (%d)", row.sourcesMedian(), row.sourcesMax()))
                .append(" | ").append(row.cut()).append(" | ").append(row.firstTokenP50()).append(" / ")
                .append(row.firstTokenP95()).append(" ms |\n"));
        return table.toString();
    }

    /** The rows and every case with its answer, as JSON. */
    public String json() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.set("rows", json.valueToTree(rows()));
        ArrayNode cases = root.putArray("cases");
        for (CaseScore score : scores) {
            ObjectNode item = cases.addObject().put("id", score.evalCase().id()).put("kind", score.evalCase().kind())
                    .put("question", score.evalCase().turns().get(score.evalCase().turns().size() - 1))
                    .put("hitAt1", score.hitAt1()).put("hitAt3", score.hitAt3()).put("keyFact", score.factsFound())
                    .put("cut", score.cut()).put("firstTokenMillis", score.answer().firstTokenMillis())
                    .put("error", score.answer().errorCode()).put("answer", score.answer().text());
            score.answer().sourceUris().forEach(item.putArray("sources")::add);
            score.evalCase().documents().forEach(item.putArray("expected")::add);
        }
        return root.toPrettyString();
    }

    /** The cases that missed something, one line each, for reading what went wrong. */
    public List<String> misses() {
        List<String> misses = new ArrayList<>();
        for (CaseScore s : scores) {
            boolean missed = s.evalCase().answerable() ? !s.hitAt3() || !s.factsFound() || s.cut() : s.sources() > 0 || s.cut();
            if (missed) {
                misses.add(s.evalCase().id() + (s.evalCase().answerable() && !s.hitAt3() ? " [doc]" : "")
                        + (s.evalCase().answerable() && !s.factsFound() ? " [fact]" : "") + (s.cut() ? " [cut]" : "")
                        + (!s.evalCase().answerable() && s.sources() > 0 ? " [sources]" : "") + " -> " + s.answer().sourceUris());
            }
        }
        return misses;
    }

    private static Double rate(List<CaseScore> scores, Predicate<CaseScore> good) {
        return scores.isEmpty() ? null : (double) scores.stream().filter(good).count() / scores.size();
    }

    private static String percent(Double rate) {
        return rate == null ? "-" : String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    private static double median(List<Integer> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    /** Nearest-rank percentile; -1 when there is no value. */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
