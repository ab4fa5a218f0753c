package org.knowledgebot.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.ApiProblem;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.admin.JsonBodies;
import org.knowledgebot.core.feedback.FeedbackRoutes;
import org.knowledgebot.core.observability.FailureCause;
import org.knowledgebot.core.observability.ServiceErrorCodes;
import org.knowledgebot.local.admin.LocalDocumentStore;
import org.knowledgebot.local.admin.UploadRoute;
import org.knowledgebot.local.auth.LocalTokenIssuer;
import org.knowledgebot.local.gateway.ManagementApi;
import org.knowledgebot.local.gateway.WebSocketGateway;

/**
 * Every plain HTTP route of the runtime: the {@code @connections} Management API, {@code POST /user-session},
 * {@code /feedback} and {@code /admin/*}, the local upload {@code PUT /uploads/<token>},
 * {@code /config.js}, the local token endpoints when auth is on, the knowledge files and the chat page.
 */
public final class LocalHttpRoutes extends Handler.Abstract {
    static final String CONNECTIONS_PREFIX = "/socket/@connections/";
    static final String KNOWLEDGE_PREFIX = "/knowledge/";
    public static final String SESSION_PATH = "/user-session";
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9a-fA-F:.]+\\](:[0-9]{1,5})?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_REQUEST = "Send {\"username\":\"...\",\"groups\":[\"admins\"]}: a username of 1 to 64"
            + " letters, digits or . _ @ + -, and optionally up to 10 group names";

    private final ManagementApi managementApi;
    private final HttpApiRoute sessionRoute;
    private final AdminEndpoints admin;
    private final StaticFiles files;
    private final Optional<LocalTokenIssuer> tokens;
    private final String defaultHost;

    public LocalHttpRoutes(ManagementApi managementApi, HttpApiRoute sessionRoute, AdminEndpoints admin,
                           StaticFiles files, Optional<LocalTokenIssuer> tokens, String defaultHost) {
        this.managementApi = managementApi;
        this.sessionRoute = sessionRoute;
        this.admin = admin;
        this.files = files;
        this.tokens = tokens;
        this.defaultHost = defaultHost;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpReply reply;
        try {
            reply = route(request);
        } catch (BodyTooLargeException e) {
            reply = HttpReply.json(413, "{\"message\":\"Request body too large\"}");
        } catch (MalformedQueryException e) {
            reply = HttpReply.json(400, "{\"message\":\"The query string is not valid URL encoding of UTF-8.\"}");
        } catch (IOException e) {
            reply = BodyReadTimeout.stoppedReading(e) ? BodyReadTimeout.REPLY : failed(request, e);
        } catch (RuntimeException e) {
            reply = failed(request, e);
        }
        reply.send(response, callback);
        return true;
    }

    private static HttpReply failed(Request request, Exception e) {
        System.err.println("{\"level\":\"ERROR\",\"route\":\"" + loggedRoute(Request.getPathInContext(request))
                + "\",\"message\":\"request failed\",\"cause\":\""
                + FailureCause.of(e, ServiceErrorCodes.none()).classChain() + "\"}");
        return HttpReply.json(500, "{\"message\":\"Internal server error\"}");
    }

    /** The path for a log line: an upload's single-use token is a credential, so only its route is named. */
    private static String loggedRoute(String path) {
        return path.startsWith(LocalDocumentStore.UPLOAD_PREFIX) ? LocalDocumentStore.UPLOAD_PREFIX + "<token>" : path.replace("\"", "");
    }

    /**
     * Whether the route for {@code path} serves {@code method}. A method it does not serve acts on nothing: the
     * routes answer it (405 with {@code Allow}, or admin-fn's own answer), so {@link BrowserRequestGuard} lets it
     * through unchecked.
     */
    public boolean serves(String method, String path) {
        return routeFor(path).served(path).contains(method.toUpperCase(Locale.ROOT));
    }

    private HttpReply route(Request request) throws IOException {
        String path = Request.getPathInContext(request);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        Route route = routeFor(path);
        List<String> methods = route.served(path);
        if (!methods.contains(method) && !route.answersEveryMethod()) {
            return HttpReply.json(405, "{\"message\":\"Method Not Allowed\"}").withHeader("allow", String.join(", ", methods));
        }
        // HEAD is answered as GET; Jetty sends the headers without the body.
        return route.answer().answer(request, path, method.equals("HEAD") && !route.answersEveryMethod() ? "GET" : method);
    }

    /**
     * The one table of routes, first match wins: a path, the methods served there (in the {@code Allow} header's
     * order) and the answer. {@code /feedback} and {@code /admin/*} are admin-fn's: it answers every method itself
     * (401, 403, 404 or 405), as API Gateway hands it every request of its routes.
     */
    private Route routeFor(String path) {
        if (path.startsWith(CONNECTIONS_PREFIX)) {
            return new Route(List.of("GET", "POST", "DELETE"), false, (request, p, method) -> {
                String connectionId = URLDecoder.decode(p.substring(CONNECTIONS_PREFIX.length()), StandardCharsets.UTF_8);
                return switch (method) {
                    case "POST" -> managementApi.post(connectionId, body(request));
                    case "GET" -> managementApi.get(connectionId);
                    default -> managementApi.delete(connectionId);
                };
            });
        }
        if (path.equals(SESSION_PATH)) {
            return new Route(List.of("POST"), false, (request, p, method) -> sessionRoute.invoke(forwarded(request, p)));
        }
        if (path.equals(FeedbackRoutes.FEEDBACK) || path.startsWith(AdminRoutes.ADMIN_PREFIX)) {
            return new Route(p -> List.copyOf(admin.methods().apply(p)), true,
                    (request, p, method) -> admin.api().invoke(forwarded(request, p)));
        }
        if (admin.uploads().isPresent() && path.startsWith(LocalDocumentStore.UPLOAD_PREFIX)) {
            return new Route(List.of("PUT"), false, (request, p, method) -> upload(admin.uploads().get(), request, p));
        }
        if (path.equals("/config.js")) {
            return new Route(List.of("GET"), false, (request, p, method) -> configJs(request));
        }
        if (tokens.isPresent() && path.equals("/.well-known/jwks.json")) {
            return new Route(List.of("GET"), false, (request, p, method) -> HttpReply.json(200, tokens.get().jwksJson()));
        }
        if (tokens.isPresent() && path.equals("/dev/token")) {
            return new Route(List.of("POST"), false, (request, p, method) -> token(tokens.get(), body(request)));
        }
        return new Route(List.of("GET"), false, (request, p, method) -> (p.startsWith(KNOWLEDGE_PREFIX)
                ? files.knowledge(p.substring(KNOWLEDGE_PREFIX.length()))
                : files.page(p)).orElseGet(() -> HttpReply.json(404, "{\"message\":\"Not Found\"}")));
    }

    /**
     * The page's configuration. The WebSocket URL uses the host the browser asked for, so the page works
     * through any name or port forward; an unexpected Host header falls back to the configured one.
     */
    private HttpReply configJs(Request request) {
        ObjectNode config = JSON.createObjectNode();
        config.put("websocketUrl", "ws://" + host(request) + WebSocketGateway.PATH);
        config.put("sessionApiUrl", SESSION_PATH);
        ObjectNode auth = config.putObject("auth");
        if (tokens.isPresent()) {
            auth.put("mode", "local");
            auth.put("tokenUrl", "/dev/token");
        } else {
            auth.put("mode", "none");
            auth.put("user", LocalUser.ID);
        }
        String script = "window.CHATBOT_CONFIG = " + config + ";\n";
        return new HttpReply(200, "text/javascript; charset=utf-8", Map.of("cache-control", "no-cache"),
                script.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpReply token(LocalTokenIssuer issuer, byte[] body) {
        String username;
        List<String> groups;
        try {
            JsonNode request = JsonBodies.object(new String(body, StandardCharsets.UTF_8), TOKEN_REQUEST);
            username = JsonBodies.text(request, "username");
            groups = JsonBodies.texts(request, "groups");
        } catch (ApiProblem problem) {
            return HttpReply.of(problem.response());
        }
        if (!LocalTokenIssuer.isValidUsername(username) || !LocalTokenIssuer.isValidGroups(groups)) {
            return HttpReply.of(ApiResponse.message(400, TOKEN_REQUEST));
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("idToken", issuer.idToken(username, groups));
        reply.put("tokenType", "Bearer");
        reply.put("expiresIn", LocalTokenIssuer.LIFETIME.toSeconds());
        reply.put("username", username);
        reply.put("sub", LocalTokenIssuer.subjectOf(username));
        return HttpReply.json(200, reply.toString()).withHeader("cache-control", "no-store");
    }

    private String host(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null && HOST.matcher(host).matches() ? host : defaultHost;
    }

    private static HttpReply upload(UploadRoute uploads, Request request, String path) throws IOException {
        try (InputStream body = Content.Source.asInputStream(request)) {
            return HttpReply.of(uploads.put(path.substring(LocalDocumentStore.UPLOAD_PREFIX.length()),
                    request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getLength(), body));
        }
    }

    private ForwardedRequest forwarded(Request request, String path) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        queryParameters(request).forEach(field -> query.put(field.getName(), String.join(",", field.getValues())));
        return new ForwardedRequest(request.getMethod().toUpperCase(Locale.ROOT), path, request.getHttpURI().getQuery(),
                query, headers(request), new String(body(request), StandardCharsets.UTF_8), Request.getRemoteAddr(request),
                host(request));
    }

    /** The decoded query; Jetty throws for a '%' not followed by two hex digits, or bytes that are not UTF-8. */
    private static Fields queryParameters(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MalformedQueryException();
        }
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(field -> headers.putIfAbsent(field.getLowerCaseName(), field.getValue()));
        return headers;
    }

    private static byte[] body(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new BodyTooLargeException();
            }
            return body;
        }
    }

    /** A route: the methods it serves at a path, whether it answers the others itself, and its answer. */
    private record Route(Function<String, List<String>> methods, boolean answersEveryMethod, Answer answer) {
        Route(List<String> methods, boolean answersEveryMethod, Answer answer) {
            this(path -> methods, answersEveryMethod, answer);
        }

        /**
         * The methods served at {@code path}: HEAD wherever GET is (HTTP asks it of every general-purpose server),
         * except on the routes that answer every method themselves (admin-fn's).
         */
        List<String> served(String path) {
            List<String> served = new ArrayList<>(methods.apply(path));
            if (!answersEveryMethod && served.contains("GET") && !served.contains("HEAD")) {
                served.add(served.indexOf("GET") + 1, "HEAD");
            }
            return served;
        }
    }

    @FunctionalInterface
    private interface Answer {
        HttpReply answer(Request request, String path, String method) throws IOException;
    }

    private static final class BodyTooLargeException extends RuntimeException {
    }

    private static final class MalformedQueryException extends RuntimeException {
    }
}
