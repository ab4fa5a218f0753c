package org.knowledgebot.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.observability.UserHash;

class FeedbackCsvTest {
    @Test
    void quotesEveryCellDoublesQuotesAndEndsLinesWithCrLf() {
        StringBuilder out = new StringBuilder();
        FeedbackCsv.appendHeader(out);
        FeedbackCsv.append(out, new Feedback("u1", "s1", "m1", Rating.DOWN, Optional.of(FeedbackCategory.WRONG),
                "says \"May\",\nnot June", "When?", "In May.", List.of("Tax", "Fees"), Instant.parse("2026-12-01T10:00:00Z")));
        assertThat(out.toString()).isEqualTo(
                "\"ratedAt\",\"rating\",\"category\",\"comment\",\"question\",\"answer\",\"sources\",\"sessionId\",\"messageId\",\"userHash\"\r\n"
                        + "\"2026-12-01T10:00:00Z\",\"down\",\"wrong\",\"says \"\"May\"\",\nnot June\",\"When?\",\"In May.\","
                        + "\"Tax; Fees\",\"s1\",\"m1\",\"" + UserHash.of("u1") + "\"\r\n");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasStartWithAnApostrophe() {
        assertThat(FeedbackCsv.neutralized("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(FeedbackCsv.neutralized("+1")).isEqualTo("'+1");
        assertThat(FeedbackCsv.neutralized("-2+3")).isEqualTo("'-2+3");
        assertThat(FeedbackCsv.neutralized("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FeedbackCsv.neutralized("fine = ok")).isEqualTo("fine = ok");
        assertThat(FeedbackCsv.neutralized("")).isEmpty();
    }
}
