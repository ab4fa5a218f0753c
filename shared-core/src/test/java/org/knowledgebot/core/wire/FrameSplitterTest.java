package org.knowledgebot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSplitterTest {

    @Test
    void textWithinTheBudgetIsOnePiece() {
        // when
        List<String> pieces = FrameSplitter.splitUtf8("héllo", 32_768);

        // then
        assertThat(pieces).containsExactly("héllo");
        assertThat(FrameSplitter.splitUtf8("", 10)).isEmpty();
    }

    @Test
    void cutsFallBetweenCodePointsNeverInsideAnEmoji() {
        // given 4-byte emoji with a 1-byte prefix so a naive 10-byte cut would land inside the third emoji
        String text = "a😀😀😀😀";

        // when
        List<String> pieces = FrameSplitter.splitUtf8(text, 10);

        // then
        assertThat(pieces).containsExactly("a😀😀", "😀😀");
        assertThat(pieces).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10));
    }

    @Test
    void theJsonBudgetCountsEscapes() throws Exception {
        // given quotes and control characters grow when escaped
        String text = "\"\u0001\"\u0001\"\u0001";

        // when
        List<String> pieces = FrameSplitter.splitJsonEscaped(text, 8);

        // then
        ObjectMapper json = new ObjectMapper();
        assertThat(String.join("", pieces)).isEqualTo(text);
        for (String piece : pieces) {
            String escaped = json.writeValueAsString(piece);
            assertThat(escaped.getBytes(StandardCharsets.UTF_8).length - 2).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void typedTokenFramesOfAHugeEscapedAnswerStayWithin32Kilobytes() {
        // given
        String answer = "\"quoted\"\n".repeat(10_000);

        // when
        List<String> frames = TypedProtocol.tokens("r1", answer);

        // then
        assertThat(frames).hasSizeGreaterThan(2).allSatisfy(frame ->
                assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32_768));
    }
}
