package org.knowledgebot.local.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalScoringTest {
    private static final String BASE = "http://localhost:8080/knowledge/";
    private static final EvalCase TAX = new EvalCase("t", "direct", List.of("When is the tax due?"),
            List.of("property-tax.md"), List.of(List.of("February 15")));
    private static final EvalCase TWO = new EvalCase("two", "two-document", List.of("Card fees?"),
            List.of("property-tax.md", "water-bills-and-leaks.md"), List.of(List.of("2.4%", "2.4 percent")));
    private static final EvalCase OUT = new EvalCase("o", EvalCase.OUT_OF_SCOPE, List.of("Driver's licence?"),
            List.of(), List.of());

    @Test
    void theRightDocumentFirstIsAHitAtOneAndAtThree() {
        CaseScore score = CaseScore.of(TAX, answer("The first half is due on **February 15**. [1]", "property-tax.md", "pet-licences.md"));

        assertThat(score.hitAt1()).isTrue();
        assertThat(score.hitAt3()).isTrue();
        assertThat(score.factsFound()).isTrue();
        assertThat(score.offTopicSources()).isEqualTo(1);
        assertThat(score.cut()).isFalse();
    }

    @Test
    void theRightDocumentFourthIsNoHitAndAMissingFactIsCounted() {
        CaseScore score = CaseScore.of(TAX, answer("Bills are mailed by January 20.", "a.md", "b.md", "c.md", "property-tax.md"));

        assertThat(score.hitAt1()).isFalse();
        assertThat(score.hitAt3()).isFalse();
        assertThat(score.factsFound()).isFalse();
    }

    @Test
    void aDocumentNameOnlyMatchesAWholePathSegment() {
        CaseScore score = CaseScore.of(TAX, answer("February 15.", "old-property-tax.md"));

        assertThat(score.hitAt1()).isFalse();
    }

    @Test
    void twoDocumentQuestionsNeedBothInTheFirstThreeAndAFactMayHaveSpellings() {
        assertThat(CaseScore.of(TWO, answer("A 2.4 percent fee.", "water-bills-and-leaks.md", "x.md", "property-tax.md")).hitAt3()).isTrue();
        assertThat(CaseScore.of(TWO, answer("A 2.4 percent fee.", "water-bills-and-leaks.md", "x.md")).hitAt3()).isFalse();
        assertThat(CaseScore.of(TWO, answer("A 2.4 percent fee.", "x.md")).factsFound()).isTrue();
    }

    @Test
    void anAnswerEndingInsideASentenceOrLeavingBoldOpenIsCut() {
        assertThat(CaseScore.isCut("Polls are open from **7:00 a.m.")).isTrue();
        assertThat(CaseScore.isCut("Polls are open from 7:00 a.m. to")).isTrue();
        assertThat(CaseScore.isCut("Polls are open from **7:00 a.m. to 8:00 p.m.** [1]")).isFalse();
        assertThat(CaseScore.isCut("- Monday. [1] [2]")).isFalse();
    }

    @Test
    void theReportCountsAbstentionOnlyOverOutOfScopeQuestionsAndHitsOnlyOverAnswerableOnes() {
        EvalReport report = new EvalReport(List.of(
                CaseScore.of(TAX, answer("Due February 15.", "property-tax.md")),
                CaseScore.of(OUT, answer("The documents do not cover this.")),
                CaseScore.of(OUT, answer("Maybe this.", "pet-licences.md"))));

        EvalReport.Row all = report.rows().get("all");
        assertThat(all.cases()).isEqualTo(3);
        assertThat(all.hitAt1()).isEqualTo(1.0);
        assertThat(all.abstained()).isEqualTo(0.5);
        assertThat(all.keptSources()).isEqualTo(1.0);
        assertThat(all.sourcesMedian()).isEqualTo(1.0);
        assertThat(report.rows().get(EvalCase.OUT_OF_SCOPE).hitAt1()).isNull();
        assertThat(report.table()).contains("| out-of-scope | 2 | - | - | - | - | 50 % |");
        assertThat(report.misses()).containsExactly("o [sources] -> [" + BASE + "pet-licences.md]");
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(EvalReport.percentile(List.of(1L, 2L, 3L, 4L, 100L), 50)).isEqualTo(3);
        assertThat(EvalReport.percentile(List.of(1L, 2L, 3L, 4L, 100L), 95)).isEqualTo(100);
        assertThat(EvalReport.percentile(List.of(), 95)).isEqualTo(-1);
    }

    private static EvalAnswer answer(String text, String... documents) {
        return new EvalAnswer(text, List.of(documents).stream().map(doc -> BASE + doc).toList(), 5, null);
    }
}
