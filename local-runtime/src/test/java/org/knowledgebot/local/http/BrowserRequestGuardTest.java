package org.knowledgebot.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.gateway.WsClient;

/** What another web page (cross-site or DNS-rebinding) can do to the local user with auth off: nothing. */
class BrowserRequestGuardTest {
    private static final String EVIL = "http://evil.example";
    private static final String DELETE_ALL = "{\"operation\":\"delete_user_sessions\"}";

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void theLocalUserHasAConversation() {
        chatbot.runtime().component().sessionStore().create(LocalUser.ID, "kept", "Mine");
    }

    @Test
    void theReportedCrossSiteDeleteIsRefusedWith403AndDeletesNothing() throws Exception {
        // when: curl -X POST http://127.0.0.1:PORT/user-session -H 'Origin: http://evil.example' -H 'Content-Type: text/plain'
        HttpResponse<String> response = post("/user-session", DELETE_ALL, EVIL, "text/plain");

        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("--allowed-origins");
        assertThat(sessions()).isPresent();
    }

    @Test
    void aForeignPageIsRefusedEvenWhenItSendsJson() throws Exception {
        // when
        HttpResponse<String> response = post("/user-session", DELETE_ALL, EVIL, "application/json");

        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(sessions()).isPresent();
    }

    @Test
    void theSessionApiWantsJsonEvenFromAClientWithoutOrigin() throws Exception {
        // when
        HttpResponse<String> plain = post("/user-session", DELETE_ALL, null, "text/plain");
        HttpResponse<String> form = post("/user-session", DELETE_ALL, null, "application/x-www-form-urlencoded");

        // then
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(plain.body()).contains("Content-Type: application/json");
        assertThat(sessions()).isPresent();
    }

    @Test
    void aRefusedRequestDoesNotBreakTheNextRequestOnTheSameKeptAliveConnection() throws Exception {
        // given one client that keeps its connection, as a browser tab does, and a body still arriving when refused
        String largeText = "x".repeat(1_000_000);
        String list = "{\"operation\":\"list_sessions_by_user_id\"}";
        List<Integer> statuses = new ArrayList<>();

        // when it is refused (415, its body unread) and then asks again, over and over
        for (int i = 0; i < 50; i++) {
            statuses.add(post("/user-session", largeText, null, "text/plain").statusCode());
            statuses.add(post("/user-session", list, null, "application/json").statusCode());
        }

        // then every request after a refusal is answered: none is sent on a connection the server then closes
        assertThat(statuses).containsExactlyElementsOf(Collections.nCopies(50, List.of(415, 200))
                .stream().flatMap(List::stream).toList());
        // and an answer to a request whose body was read keeps the connection
        assertThat(post("/user-session", list, null, "application/json").headers().firstValue("connection")).isEmpty();
    }

    @Test
    void thePagesOwnOriginAndClientsWithoutOriginMayUseTheSessionApi() throws Exception {
        // when
        HttpResponse<String> fromPage = post("/user-session", "{\"operation\":\"list_sessions_by_user_id\"}",
                "http://127.0.0.1:" + chatbot.runtime().port(), "application/json; charset=utf-8");
        HttpResponse<String> fromLocalhost = post("/user-session", "{\"operation\":\"list_sessions_by_user_id\"}",
                "http://localhost:" + chatbot.runtime().port(), "application/json");
        HttpResponse<String> fromSdk = post("/user-session", "{\"operation\":\"list_sessions_by_user_id\"}", null, "application/json");

        // then
        assertThat(List.of(fromPage.statusCode(), fromLocalhost.statusCode(), fromSdk.statusCode())).containsOnly(200);
        assertThat(fromPage.body()).contains("\"kept\"");
    }

    @Test
    void aForeignPageCannotOpenTheWebSocketButThePageAndWscatCan() {
        // when / then
        assertThatThrownBy(() -> WsClient.connectFrom(chatbot.socketUri(null), EVIL))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));
        try (WsClient page = WsClient.connectFrom(chatbot.socketUri(null), "http://127.0.0.1:" + chatbot.runtime().port());
             WsClient wscat = chatbot.connect()) {
            assertThat(page.isClosed()).isFalse();
            assertThat(wscat.isClosed()).isFalse();
        }
    }

    @Test
    void aDnsRebindingNameIsRefusedForReadsWritesAndTheWebSocket() throws Exception {
        // given a page at http://evil.example:PORT whose name now points at 127.0.0.1: same-origin to itself
        String host = "Host: evil.example:" + chatbot.runtime().port();

        // when
        String page = RawHttp.exchange(chatbot.runtime().port(), "GET /config.js HTTP/1.1", host, "Connection: close");
        String delete = RawHttp.exchange(chatbot.runtime().port(), "POST /user-session HTTP/1.1", host,
                "Origin: http://evil.example:" + chatbot.runtime().port(), "Content-Type: application/json",
                "Content-Length: " + DELETE_ALL.length(), "Connection: close", "", DELETE_ALL);
        String upgrade = RawHttp.exchange(chatbot.runtime().port(), "GET /socket HTTP/1.1", host, "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");

        // then
        assertThat(List.of(RawHttp.status(page), RawHttp.status(delete), RawHttp.status(upgrade))).containsOnly(403);
        assertThat(page).doesNotContain("CHATBOT_CONFIG");
        assertThat(sessions()).isPresent();
    }

    @Test
    void theLoopbackNamesWithTheBoundPortAreThisRuntime() throws Exception {
        // when
        String localhost = RawHttp.exchange(chatbot.runtime().port(), "GET /config.js HTTP/1.1",
                "Host: localhost:" + chatbot.runtime().port(), "Connection: close");
        String otherPort = RawHttp.exchange(chatbot.runtime().port(), "GET /config.js HTTP/1.1",
                "Host: localhost:1", "Connection: close");

        // then
        assertThat(RawHttp.status(localhost)).isEqualTo(200);
        assertThat(RawHttp.status(otherPort)).isEqualTo(403);
    }

    private java.util.Optional<Session> sessions() {
        return chatbot.runtime().component().sessionStore().find(LocalUser.ID, "kept");
    }

    private HttpResponse<String> post(String path, String body, String origin, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(chatbot.http(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
