package org.knowledgebot.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;

/** The local page carries the CloudFront distribution's security headers, and no response names the server. */
class SecurityHeadersTest {
    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    @Test
    void thePageCannotBeFramedAndRunsOnlyItsOwnScripts() throws Exception {
        // when
        HttpResponse<String> page = chatbot.get("/");

        // then
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(policy).contains("frame-ancestors 'none'", "script-src 'self'", "default-src 'none'",
                "connect-src 'self' ws://127.0.0.1:" + chatbot.runtime().port() + ";");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("strict-transport-security")).isEmpty();
    }

    @Test
    void aKnowledgeFileKeepsItsStricterSandboxPolicy() throws Exception {
        // when
        HttpResponse<String> file = chatbot.get("/knowledge/services/library.html");

        // then
        assertThat(file.headers().allValues("content-security-policy")).containsExactly("default-src 'none'; sandbox");
        assertThat(file.headers().firstValue("x-frame-options")).hasValue("DENY");
    }

    @Test
    void noResponseOrErrorPageNamesJetty() throws Exception {
        // given a page, a 404, a 405, a refused request and Jetty's own 400 for an undecodable path
        int port = chatbot.runtime().port();
        List<String> responses = List.of(
                RawHttp.exchange(port, "GET / HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close"),
                RawHttp.exchange(port, "GET /nothing-here HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close"),
                RawHttp.exchange(port, "PUT /config.js HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Type: application/json",
                        "Content-Length: 0", "Connection: close"),
                RawHttp.exchange(port, "GET / HTTP/1.1", "Host: evil.example", "Connection: close"),
                RawHttp.exchange(port, "GET /%zz HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close"),
                RawHttp.exchange(port, "GET /knowledge/%2e%2e/%2e%2e/pom.xml HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close"));

        // then
        assertThat(responses).extracting(RawHttp::status).contains(200, 404, 405, 403, 400);
        for (String response : responses) {
            assertThat(RawHttp.header(response, "server")).as(response).isNull();
            assertThat(RawHttp.header(response, "x-powered-by")).as(response).isNull();
            assertThat(response.toLowerCase(java.util.Locale.ROOT)).as(response).doesNotContain("jetty");
        }
        assertThat(RawHttp.header(responses.get(4), "x-frame-options")).isEqualTo("DENY");
        assertThat(RawHttp.header(responses.get(3), "x-frame-options")).as("a refusal").isEqualTo("DENY");
        assertThat(RawHttp.header(responses.get(3), "content-security-policy")).contains("connect-src 'self';");
    }

    @Test
    void jettysOwnErrorForADeleteOrPutKeepsTheSecurityHeadersAndTheJsonBody() throws Exception {
        // given: the admin console's DELETE and the upload's PUT, each with a path Jetty itself refuses (an encoded '/')
        int port = chatbot.runtime().port();
        List<String> responses = List.of(
                RawHttp.exchange(port, "DELETE /admin/documents/a%2fb.md HTTP/1.1", "Host: 127.0.0.1:" + port, "Connection: close"),
                RawHttp.exchange(port, "PUT /uploads/a%2fb HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Length: 0",
                        "Connection: close"));

        // then
        for (String response : responses) {
            assertThat(RawHttp.status(response)).as(response).isEqualTo(400);
            assertThat(RawHttp.header(response, "x-content-type-options")).as(response).isEqualTo("nosniff");
            assertThat(RawHttp.header(response, "x-frame-options")).as(response).isEqualTo("DENY");
            assertThat(RawHttp.header(response, "content-type")).as(response).isEqualTo("application/json");
            assertThat(response).as(response).endsWith("{\"message\":\"Bad Request\"}");
        }
    }
}
