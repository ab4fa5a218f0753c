package org.knowledgebot.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.TestKnowledge;

/** A client that announces a request body and stops sending it is answered 408 after the short body-read limit. */
class BodyReadTimeoutTest {
    private static final Duration LIMIT = Duration.ofMillis(300);
    private static final String BODY_STOPPED = "{\"message\":\"The request body stopped arriving before its end;"
            + " send the whole body its Content-Length announces, without a pause.\"}";
    private static final Path KNOWLEDGE = knowledgeCopy();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of(
            "LOCAL_BODY_READ_TIMEOUT_MS", Long.toString(LIMIT.toMillis()), "LOCAL_KNOWLEDGE", KNOWLEDGE.toString()));

    @Test
    void aDeclaredBodyThatNeverComesIsA408SoonAfterTheLimitAndTheConnectionIsClosed() throws Exception {
        // given: curl's headers for a 100-byte JSON body, and then nothing
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /user-session HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n");

            // when
            String response = readToEnd(socket);

            // then: the limit, not the connector's 30 s idle timeout, and the server closed the connection (read to its end)
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(LIMIT.toMillis() - 50, LIMIT.toMillis() + 3_000);
            assertThat(response).startsWith("HTTP/1.1 408 Request Timeout\r\n").endsWith("\r\n\r\n" + BODY_STOPPED);
            assertThat(RawHttp.header(response, "connection")).isEqualTo("close");
            assertThat(RawHttp.header(response, "content-type")).isEqualTo("application/json");
            assertThat(RawHttp.header(response, "x-frame-options")).isEqualTo("DENY");
        }
    }

    @Test
    void aRefusalSentBeforeTheBodyWasReadGoesOutAfterTheLimitToo() throws Exception {
        // given: a request the guard refuses (not JSON), whose announced body never comes
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /user-session HTTP/1.1\r\n" + host() + "Content-Type: text/plain\r\nContent-Length: 100\r\n\r\n");

            // when
            String response = readToEnd(socket);

            // then
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(LIMIT.toMillis() + 3_000);
            assertThat(response).startsWith("HTTP/1.1 415 Unsupported Media Type\r\n")
                    .endsWith("\r\n\r\n{\"message\":\"send the request body as JSON with Content-Type: application/json\"}");
            assertThat(RawHttp.header(response, "connection")).isEqualTo("close");
        }
    }

    @Test
    void aBodyThatPausesForLessThanTheLimitIsReadWhole() throws Exception {
        // given
        String body = "{\"operation\":\"list_sessions_by_user_id\"}";
        try (Socket socket = open()) {
            send(socket, "POST /user-session HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body.substring(0, 10));

            // when: the rest comes after a pause shorter than the limit
            Thread.sleep(LIMIT.toMillis() / 2);
            send(socket, body.substring(10));
            String response = readToEnd(socket);

            // then
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    @Test
    void anUploadWhoseBodyStopsHalfWayIsA408AndNothingIsWritten() throws Exception {
        // given: an upload link for 10 bytes, and a PUT that sends 5 of them
        String uploadUrl = new ObjectMapper().readTree(chatbot.post("/admin/documents/uploads",
                "{\"path\":\"stalled.md\",\"contentType\":\"text/markdown\",\"size\":10}", null).body()).path("uploadUrl").asText();
        try (Socket socket = open()) {
            send(socket, "PUT " + uploadUrl + " HTTP/1.1\r\n" + host() + "Content-Type: text/markdown\r\nContent-Length: 10\r\n\r\n# Half");

            // when
            String response = readToEnd(socket);

            // then
            assertThat(response).startsWith("HTTP/1.1 408 Request Timeout\r\n").endsWith("\r\n\r\n" + BODY_STOPPED);
        }
        assertThat(KNOWLEDGE.resolve("stalled.md")).doesNotExist();
        try (Stream<Path> files = Files.list(KNOWLEDGE)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void onceTheBodyIsReadTheConnectionIdlesForTheUsualTimeNotTheLimit() throws Exception {
        // given: a kept-alive connection whose request body was read whole
        String body = "{\"operation\":\"list_sessions_by_user_id\"}";
        String request = "POST /user-session HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        try (Socket socket = open()) {
            send(socket, request);
            String first = readOne(socket.getInputStream());

            // when: the client is quiet for longer than the limit, then asks again on the same connection
            Thread.sleep(LIMIT.toMillis() * 2);
            send(socket, request);
            String second = readOne(socket.getInputStream());

            // then
            assertThat(first).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(second).startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", chatbot.runtime().port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String host() {
        return "Host: 127.0.0.1:" + chatbot.runtime().port() + "\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes the connection (fails after the socket's 10 s read timeout). */
    private static String readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received);
        return received.toString(StandardCharsets.UTF_8);
    }

    /** One response: its head, then the Content-Length bytes of its body. */
    private static String readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                return head.toString(StandardCharsets.UTF_8);
            }
            head.write(next);
        }
        String headers = head.toString(StandardCharsets.UTF_8);
        return headers + new String(in.readNBytes(Integer.parseInt(RawHttp.header(headers, "content-length"))), StandardCharsets.UTF_8);
    }

    private static Path knowledgeCopy() {
        try {
            return TestKnowledge.copyTo(Files.createTempDirectory("knowledge-body-timeout"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
