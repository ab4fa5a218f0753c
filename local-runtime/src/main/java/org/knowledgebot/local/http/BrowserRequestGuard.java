package org.knowledgebot.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.knowledgebot.local.admin.LocalDocumentStore;

/**
 * The one check in front of every route and the WebSocket upgrade, so that no other web page the user visits
 * can act as the user (auth is off by default) and no DNS-rebinding name can read the runtime:
 * <ul>
 *   <li>every request must name this runtime in {@code Host} (else 403);</li>
 *   <li>a state-changing request (any method but GET, HEAD, OPTIONS) and every WebSocket upgrade must come from
 *       an allowed page origin or send no {@code Origin} at all, as the SDK, curl and wscat do (else 403);</li>
 *   <li>a state-changing request must send {@code Content-Type: application/json} (else 415), which a
 *       cross-site form or {@code text/plain} fetch cannot do without a CORS preflight that is never granted.
 *       The {@code @connections} API is exempt: it is the AWS SDK's, not a browser's; so is the upload PUT,
 *       which sends the document's own type and is authorized by its single-use signed token.</li>
 * </ul>
 * A method the route does not serve acts on nothing and is not checked past {@code Host}: the routes answer it
 * (405 with {@code Allow}), not a 415 that would send the client looking for a content type.
 * Routes added later get all three without doing anything.
 */
public final class BrowserRequestGuard extends Handler.Wrapper {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrowserAccess access;
    private final LocalHttpRoutes routes;

    /**
     * @param routes the table of the methods each path serves
     * @param next what serves the request: the WebSocket upgrade, then the routes
     */
    public BrowserRequestGuard(BrowserAccess access, LocalHttpRoutes routes, Handler next) {
        super(next);
        this.access = access;
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpReply refusal = refusal(request);
        if (refusal != null) {
            refusal.send(response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private HttpReply refusal(Request request) {
        HttpFields headers = request.getHeaders();
        if (!access.allowsHost(headers.get(HttpHeader.HOST))) {
            return refuse(403, "this runtime answers only to its own address; open the page at "
                    + access.origins().get(0) + " or list the address you use in --allowed-origins");
        }
        boolean upgrade = "websocket".equalsIgnoreCase(headers.get(HttpHeader.UPGRADE));
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = Request.getPathInContext(request);
        if (!upgrade && (SAFE_METHODS.contains(method) || !routes.serves(method, path))) {
            return null;
        }
        String origin = headers.get(HttpHeader.ORIGIN);
        if (origin != null && !access.allowsOrigin(origin)) {
            return refuse(403, "requests from other web pages are refused; allowed origins: "
                    + String.join(", ", access.origins()) + " (add one with --allowed-origins)");
        }
        if (!upgrade && !path.startsWith(LocalHttpRoutes.CONNECTIONS_PREFIX) && !path.startsWith(LocalDocumentStore.UPLOAD_PREFIX)
                && !isJson(headers.get(HttpHeader.CONTENT_TYPE))) {
            return refuse(415, "send the request body as JSON with Content-Type: application/json");
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static HttpReply refuse(int status, String message) {
        return HttpReply.json(status, JSON.createObjectNode().put("message", message).toString());
    }
}
