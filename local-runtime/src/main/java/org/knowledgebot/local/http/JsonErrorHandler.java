package org.knowledgebot.local.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed URI, a refused WebSocket handshake, a header too large) as the routes'
 * {@code {"message": ...}} JSON with the page's security headers: no HTML page, no server name or version.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private final PageHeaders pageHeaders;

    public JsonErrorHandler(PageHeaders pageHeaders) {
        this.pageHeaders = pageHeaders;
    }

    /**
     * Every method gets the JSON body and the headers: Jetty's default answers only GET, POST and HEAD so, and
     * would send the console's DELETE and the upload's PUT a bare error without the page's security headers.
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        pageHeaders.apply(request, response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status));
    }

    /** The status's standard reason only: Jetty's message may repeat parts of the request. */
    private static byte[] body(int code) {
        String reason = HttpStatus.getMessage(code);
        return ("{\"message\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
