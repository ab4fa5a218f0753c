package org.knowledgebot.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;

class LocalHttpRoutesTest {
    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    @Test
    void configJsPointsThePageAtThisRuntimeWithAuthOff() throws Exception {
        // when
        HttpResponse<String> response = chatbot.get("/config.js");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        String json = response.body().replaceFirst("^window\\.CHATBOT_CONFIG = ", "").replaceFirst(";\\s*$", "");
        var config = new ObjectMapper().readTree(json);
        assertThat(config.path("websocketUrl").asText()).isEqualTo("ws://127.0.0.1:" + chatbot.runtime().port() + "/socket");
        assertThat(config.path("sessionApiUrl").asText()).isEqualTo("/user-session");
        assertThat(config.path("auth").path("mode").asText()).isEqualTo("none");
    }

    @Test
    void aForgedHostHeaderCannotInjectScriptIntoConfigJs() throws Exception {
        // when
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(chatbot.http("/config.js"))
                .header("X-Forwarded-Host", "x").build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.body()).doesNotContain("</script>").startsWith("window.CHATBOT_CONFIG = {");
    }

    @Test
    void knowledgeFilesAreServedAsPlainTextSoTheirHtmlNeverRuns() throws Exception {
        // when
        HttpResponse<String> response = chatbot.get("/knowledge/services/library.html");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.body()).contains("<title>Riverton Public Library");
    }

    @Test
    void pathsOutsideTheKnowledgeFolderAreNotServed() throws Exception {
        // when
        HttpResponse<String> dotDot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(chatbot.runtime().baseUri() + "/knowledge/%2e%2e/%2e%2e/pom.xml")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = chatbot.get("/knowledge/nothing-here.md");

        // then
        assertThat(dotDot.statusCode()).isIn(400, 404);
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void theChatPageIsServedAtTheRoot() throws Exception {
        // when
        HttpResponse<String> response = chatbot.get("/");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).containsIgnoringCase("<html").contains("config.js");
    }

    @Test
    void withAuthOffTheSessionRouteIsTheLocalUsersAndTokenEndpointsDoNotExist() throws Exception {
        // when
        HttpResponse<String> added = chatbot.post("/user-session",
                "{\"operation\":\"add_session\",\"session_id\":\"s-http\",\"title\":\"Hello\",\"user_id\":\"someone-else\"}", null);
        HttpResponse<String> token = chatbot.post("/dev/token", "{\"username\":\"x\"}", null);
        HttpResponse<String> get = chatbot.get("/user-session");

        // then
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(chatbot.runtime().component().sessionStore().find(LocalUser.ID, "s-http")).isPresent();
        assertThat(chatbot.runtime().component().sessionStore().find("someone-else", "s-http")).isEmpty();
        assertThat(token.statusCode()).isIn(404, 405);
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void aQueryStringThatIsNotValidUrlEncodingIsA400AndTheRequestIsNotActedOn() throws Exception {
        // given
        chatbot.post("/user-session", "{\"operation\":\"add_session\",\"session_id\":\"s-kept\",\"title\":\"Kept\"}", null);

        // when: %ff is no UTF-8 byte sequence
        HttpResponse<String> delete = chatbot.post("/user-session?x=%ff", "{\"operation\":\"delete_user_sessions\"}", null);
        HttpResponse<String> feedback = chatbot.get("/admin/feedback?cursor=%ff");

        // then
        assertThat(delete.statusCode()).isEqualTo(400);
        assertThat(delete.body()).isEqualTo("{\"message\":\"The query string is not valid URL encoding of UTF-8.\"}");
        assertThat(feedback.statusCode()).isEqualTo(400);
        assertThat(chatbot.runtime().component().sessionStore().find(LocalUser.ID, "s-kept")).isPresent();
    }

    @Test
    void aMethodARouteDoesNotServeIsA405ListingTheServedMethodsWithThePagesHeadersNotA415() throws Exception {
        // given: curl -X PUT http://127.0.0.1:PORT/ and the like, with no Content-Type (as curl sends them)
        int port = chatbot.runtime().port();
        Map<String, String> allowed = new java.util.LinkedHashMap<>();
        allowed.put("PUT /", "GET, HEAD");
        allowed.put("DELETE /index.html", "GET, HEAD");
        allowed.put("TRACE /", "GET, HEAD");
        allowed.put("PATCH /knowledge/services/library.html", "GET, HEAD");
        allowed.put("PUT /nothing-here", "GET, HEAD");
        allowed.put("OPTIONS /", "GET, HEAD");
        allowed.put("PUT /config.js", "GET, HEAD");
        allowed.put("DELETE /user-session", "POST");
        allowed.put("PUT /socket/@connections/abc", "GET, HEAD, POST, DELETE");

        for (Map.Entry<String, String> request : allowed.entrySet()) {
            // when
            String response = RawHttp.exchange(port, request.getKey() + " HTTP/1.1", "Host: 127.0.0.1:" + port,
                    "Content-Length: 0", "Connection: close");

            // then
            assertThat(response).as(request.getKey()).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                    .endsWith("\r\n\r\n{\"message\":\"Method Not Allowed\"}");
            assertThat(RawHttp.header(response, "allow")).as(request.getKey()).isEqualTo(request.getValue());
            assertThat(RawHttp.header(response, "content-type")).as(request.getKey()).isEqualTo("application/json");
            assertThat(RawHttp.header(response, "x-frame-options")).as(request.getKey()).isEqualTo("DENY");
            assertThat(RawHttp.header(response, "x-content-type-options")).as(request.getKey()).isEqualTo("nosniff");
            assertThat(RawHttp.header(response, "content-security-policy")).as(request.getKey()).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void headIsServedWhereverGetIsWithGetsStatusAndHeadersAndNoBody() throws Exception {
        int port = chatbot.runtime().port();
        for (String path : List.of("/", "/config.js", "/knowledge/services/library.html")) {
            // when
            String get = RawHttp.exchange(port, "GET " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close");
            String head = RawHttp.exchange(port, "HEAD " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close");

            // then
            assertThat(head).as(path).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n");
            assertThat(RawHttp.header(head, "content-type")).as(path).isEqualTo(RawHttp.header(get, "content-type"));
            assertThat(RawHttp.header(head, "x-content-type-options")).as(path).isEqualTo("nosniff");
        }
    }

    @Test
    void aMethodAnAdminRouteDoesNotServeIsAdminFnsOwn405WithAllowNotA415() throws Exception {
        // when
        int port = chatbot.runtime().port();
        String response = RawHttp.exchange(port, "PATCH /admin/ingestion HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Content-Length: 0", "Connection: close");

        // then
        assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                .endsWith("\r\n\r\n{\"message\":\"Method not allowed on /admin/ingestion.\"}");
        assertThat(RawHttp.header(response, "allow")).isEqualTo("GET, POST");
        assertThat(RawHttp.header(response, "x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void aServedMethodStillNeedsJsonAndAnAllowedOrigin() throws Exception {
        // when
        int port = chatbot.runtime().port();
        String plain = RawHttp.exchange(port, "POST /user-session HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Content-Type: text/plain", "Content-Length: 0", "Connection: close");
        String foreign = RawHttp.exchange(port, "POST /admin/ingestion HTTP/1.1", "Host: 127.0.0.1:" + port,
                "Origin: http://evil.example", "Content-Type: application/json", "Content-Length: 2", "Connection: close", "", "{}");

        // then
        assertThat(RawHttp.status(plain)).isEqualTo(415);
        assertThat(RawHttp.status(foreign)).isEqualTo(403);
    }
}
