package org.knowledgebot.local.http;

import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.knowledgebot.core.web.PageSecurityHeaders;

/**
 * Puts the chat page's security headers (the same definition as the CloudFront distribution's) on every response,
 * refusals and error pages included; a route may still tighten one (the knowledge files' sandbox policy). The
 * page may connect to its own host and, when the Host header names this runtime, that host's WebSocket.
 */
public final class PageHeaders extends Handler.Wrapper {
    private final PageSecurityHeaders headers;
    private final BrowserAccess access;

    public PageHeaders(PageSecurityHeaders headers, BrowserAccess access, Handler next) {
        super(next);
        this.headers = headers;
        this.access = access;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        apply(request, response.getHeaders());
        return super.handle(request, response, callback);
    }

    /** Sets the headers on {@code target}; for the error handler, which writes on a reset response. */
    void apply(Request request, HttpFields.Mutable target) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        String connect = access.allowsHost(host) ? "'self' ws://" + host : "'self'";
        for (Map.Entry<String, String> header : headers.forHttpPage(connect).entrySet()) {
            target.put(header.getKey(), header.getValue());
        }
    }
}
