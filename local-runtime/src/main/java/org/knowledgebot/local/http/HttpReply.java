package org.knowledgebot.local.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.knowledgebot.core.admin.ApiResponse;

/** A complete HTTP answer: status, content type, extra headers and body bytes. */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {
    /** Most of an unread request body a reply discards to keep the connection (as Tomcat's maxSwallowSize). */
    static final int MAX_DISCARDED_BODY_BYTES = 2 * 1024 * 1024;

    public HttpReply {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HttpReply json(int status, String json) {
        return new HttpReply(status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A route's answer as written: its status, content type, headers and body (UTF-8). */
    public static HttpReply of(ApiResponse response) {
        return new HttpReply(response.status(), response.contentType(), response.headers(),
                response.body().getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply empty(int status) {
        return new HttpReply(status, null, Map.of(), new byte[0]);
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, more, body);
    }

    /**
     * Writes this reply as the whole response. A reply sent before the request's body was read (a refusal, a 405, a
     * 413) is written once the rest of the body has arrived and been discarded, up to {@link #MAX_DISCARDED_BODY_BYTES}
     * (read as it arrives, no thread waiting); past that it says {@code Connection: close}. Otherwise Jetty, finding the
     * body unread once the response is sent, closes a connection that response told the client to keep, and the
     * client's next request on it fails ("header parser received no bytes"). A reply that says {@code Connection: close}
     * itself is written at once.
     */
    public void send(Response response, Callback callback) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpHeaderValue.CLOSE.asString().equalsIgnoreCase(headers.get("connection"))) {
            // The connection closes after this reply (a 408 for a body that stopped): nothing to wait for.
            response.write(true, ByteBuffer.wrap(body), callback);
            return;
        }
        discardBody(response.getRequest(), MAX_DISCARDED_BODY_BYTES, readToItsEnd -> {
            if (!readToItsEnd) {
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            response.write(true, ByteBuffer.wrap(body), callback);
        });
    }

    /**
     * Reads and drops the rest of the request's body as it arrives, at most {@code budget} bytes, then tells {@code then}
     * whether it was read to its end; at once for a request whose body was read.
     */
    private static void discardBody(Request request, long budget, Consumer<Boolean> then) {
        long left = budget;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                long remaining = left;
                request.demand(() -> discardBody(request, remaining, then));
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                then.accept(false);
                return;
            }
            left -= chunk.remaining();
            boolean last = chunk.isLast();
            chunk.release();
            if (last || left < 0) {
                then.accept(last);
                return;
            }
        }
    }
}
