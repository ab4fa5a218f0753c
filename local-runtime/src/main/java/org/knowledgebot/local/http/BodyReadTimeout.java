package org.knowledgebot.local.http;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How long a request's announced body may stay silent. A client that sends the headers of a request with a body
 * ({@code Content-Length: 100}) and then nothing is answered 408 once nothing has arrived for the limit
 * ({@link #LIMIT}), where it would otherwise wait for the connector's idle timeout (30 s) and get a 500; a refusal
 * sent before the body was read (a 415, a 403) also goes out after at most the limit, with {@code Connection: close}.
 * <p>
 * While a body is read, the connection's idle timeout is the limit; once its last byte has arrived, or the response
 * is complete, it is the connector's again, so a route that works for longer after reading its body (a re-index) is
 * never cut off. The limit is on silence, not on the whole body: an upload that keeps sending takes as long as it
 * needs. Jetty 12 has no setting for this: its HTTP/1.1 server reads neither {@code HttpConfiguration}'s idle timeout
 * nor its minimum request data rate, and its {@code IdleTimeoutHandler} does nothing.
 */
public final class BodyReadTimeout extends Handler.Wrapper {
    /** The longest silence while a request's body is awaited. */
    public static final Duration LIMIT = Duration.ofSeconds(5);

    /** The answer to a request whose body stopped arriving; the connection is closed, as the rest may still come. */
    static final HttpReply REPLY = HttpReply.json(408, "{\"message\":\"The request body stopped arriving before its end;"
            + " send the whole body its Content-Length announces, without a pause.\"}").withHeader("connection", "close");

    private final Duration limit;

    public BodyReadTimeout(Duration limit, Handler next) {
        super(next);
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback);
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        long usual = endPoint.getIdleTimeout();
        AtomicBoolean restored = new AtomicBoolean();
        Runnable restore = () -> {
            if (restored.compareAndSet(false, true)) {
                endPoint.setIdleTimeout(usual);
            }
        };
        endPoint.setIdleTimeout(limit.toMillis());
        Request reading = new Request.Wrapper(request) {
            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (chunk != null && chunk.isLast()) {
                    restore.run();
                }
                return chunk;
            }
        };
        try {
            return super.handle(reading, response, Callback.from(restore, callback));
        } catch (Exception | Error e) {
            restore.run();
            throw e;
        }
    }

    /** Whether {@code failure} is a body read that stopped at the limit (Jetty fails the read with a timeout). */
    static boolean stoppedReading(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
