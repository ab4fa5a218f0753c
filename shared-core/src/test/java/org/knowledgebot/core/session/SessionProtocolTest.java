package org.knowledgebot.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;

class SessionProtocolTest {

    @Test
    void invokePayloadsWrapTheBodyAsAString() {
        // given
        String body = SessionProtocol.getSessionRequest("u1", "s1");

        // when
        String payload = InvokeEnvelope.request(body);

        // then
        assertThat(payload).isEqualTo("{\"body\":\"{\\\"operation\\\":\\\"get_session\\\",\\\"user_id\\\":\\\"u1\\\","
                + "\\\"session_id\\\":\\\"s1\\\"}\"}");
        assertThat(InvokeEnvelope.bodyOf(payload)).contains(body);
    }

    @Test
    void invokeResponsesRoundTripAndGarbageBecomesA502() {
        // when
        SessionResponse parsed = InvokeEnvelope.parseResponse(
                InvokeEnvelope.response(new SessionResponse(200, "{}")));
        SessionResponse garbage = InvokeEnvelope.parseResponse("{\"errorMessage\":\"Task timed out\"}");

        // then
        assertThat(parsed).isEqualTo(new SessionResponse(200, "{}"));
        assertThat(garbage.statusCode()).isEqualTo(502);
        assertThat(SessionProtocol.parseError(garbage.body()))
                .isEqualTo("the session service returned an unreadable response");
    }

    @Test
    void metadataFromTheOriginalHandlerIsReadAndSourcesWithoutUriAreSkipped() {
        // when
        List<Source> sources = TurnJson.parseMetadata(
                "{\"Sources\":[{\"title\":\"Returns\",\"uri\":\"https://docs.example.com/r\"},{\"title\":\"No uri\"}]}");

        // then
        assertThat(sources).containsExactly(new Source("Returns", "https://docs.example.com/r", "", Confidence.NOT_AVAILABLE));
        assertThat(TurnJson.parseMetadata("not json")).isEmpty();
    }

    @Test
    void aStoredTurnKeepsEachSourcesCitationNumberSoAReloadedAnswersCitationsStillLink() {
        // given
        List<Source> sources = List.of(new Source("Water", "https://x/water.md", "Rates are $4.10.", Confidence.HIGH, 2),
                new Source("Unnumbered", "https://x/u.md", "", Confidence.LOW));

        // when
        String metadata = TurnJson.metadataString(sources);

        // then
        assertThat(metadata).isEqualTo("{\"Sources\":[{\"title\":\"Water\",\"uri\":\"https://x/water.md\","
                + "\"excerpt\":\"Rates are $4.10.\",\"confidence\":\"HIGH\",\"index\":2},"
                + "{\"title\":\"Unnumbered\",\"uri\":\"https://x/u.md\",\"excerpt\":\"\",\"confidence\":\"LOW\"}]}");
        assertThat(TurnJson.parseMetadata(metadata)).isEqualTo(sources);
        assertThat(TurnJson.parseMetadata("{\"Sources\":[{\"uri\":\"https://x/a\",\"index\":-3},"
                + "{\"uri\":\"https://x/b\",\"index\":\"two\"}]}")).extracting(Source::index).containsExactly(0, 0);
    }

    @Test
    void aSessionWithoutStatusOrTurnDatesIsReadAsCompleteHistory() {
        // when
        var session = SessionProtocol.parseSession("{\"session_id\":\"s\",\"user_id\":\"u\",\"title\":\"t\","
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-02T00:00:00Z\","
                + "\"chat_history\":[{\"user\":\"q\",\"chatbot\":\"a\",\"metadata\":\"{\\\"Sources\\\":[]}\"}]}")
                .orElseThrow();

        // then
        assertThat(session.updatedAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(session.turns()).singleElement().satisfies(turn -> {
            assertThat(turn.status()).isEqualTo(TurnStatus.COMPLETE);
            assertThat(turn.createdAt()).isEqualTo(Instant.EPOCH);
            assertThat(turn.hasMessageId()).isFalse();
        });
        assertThat(SessionProtocol.parseSession("{}")).isEmpty();
    }

    @Test
    void aTurnsMessageIdTravelsAsMessageIdAndATurnWithoutOneIsWrittenAsBefore() {
        // given
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Turn withId = new Turn("q", "a", List.of(), TurnStatus.COMPLETE, at, "m-1");
        Turn withoutId = new Turn("q", "a", List.of(), TurnStatus.COMPLETE, at);

        // when
        String written = TurnJson.node(withId).toString();

        // then
        assertThat(written).endsWith(",\"message_id\":\"m-1\"}");
        assertThat(TurnJson.parse(TurnJson.node(withId))).isEqualTo(withId);
        assertThat(TurnJson.node(withoutId).toString()).isEqualTo("{\"user\":\"q\",\"chatbot\":\"a\","
                + "\"metadata\":\"{\\\"Sources\\\":[]}\",\"status\":\"COMPLETE\",\"created_at\":\"2026-12-01T10:00:00Z\"}");
    }
}
