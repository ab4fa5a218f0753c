package org.knowledgebot.core.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.knowledgebot.core.observability.EventLog;

/**
 * The HTTP routes of the admin function, the same locally and on AWS: {@code POST /feedback} for every signed-in
 * user, and the {@code /admin/*} routes for operators only (403 for everyone else, before anything is read).
 * A refused request ({@link ApiProblem}) gets its status and message; nothing was saved. A failing store or
 * service is a 500 whose log line carries the cause (class chain and service error code).
 */
public final class AdminRoutes {
    public static final String ADMIN_PREFIX = "/admin/";

    private final List<Route> routes;
    private final EventLog eventLog;

    private AdminRoutes(List<Route> routes, EventLog eventLog) {
        this.routes = List.copyOf(routes);
        this.eventLog = eventLog;
    }

    public static Builder builder(EventLog eventLog) {
        return new Builder(eventLog);
    }

    public ApiResponse handle(ApiRequest request, String requestId) {
        ApiResponse response;
        RuntimeException failure = null;
        try {
            response = answer(request);
        } catch (RuntimeException e) {
            // The route's store or service failed: the caller gets a 500 without internals, the log line the cause.
            failure = e;
            response = ApiResponse.message(500, "The operation failed on our side; try again in a moment.");
        }
        EventLog.Event event = EventLog.event(request.method() + " " + routeName(request.path()), "status " + response.status())
                .requestId(requestId);
        if (request.caller() != null) {
            event.user(request.caller().userId());
        }
        if (failure != null) {
            event.cause(failure);
        }
        eventLog.write(event);
        return response;
    }

    private ApiResponse answer(ApiRequest request) {
        if (request.caller() == null) {
            return ApiResponse.message(401, "Sign in first: send the ID token as Authorization: Bearer <token>.");
        }
        if (request.path().startsWith(ADMIN_PREFIX) && !request.caller().isOperator()) {
            return ApiResponse.message(403, "Only operators (members of the Cognito group "
                    + Caller.OPERATORS_GROUP + ") may use the admin routes.");
        }
        for (Route route : routes) {
            if (route.matches(request.path()) && route.method().equals(request.method())) {
                try {
                    return route.handler().apply(request);
                } catch (ApiProblem problem) {
                    return problem.response();
                }
            }
        }
        Set<String> methods = methodsFor(request.path());
        if (methods.isEmpty()) {
            return ApiResponse.message(404, "No route " + request.method() + " " + request.path() + ".");
        }
        ApiResponse notAllowed = ApiResponse.message(405, "Method not allowed on " + request.path() + ".");
        return new ApiResponse(405, notAllowed.contentType(), Map.of("allow", String.join(", ", methods)), notAllowed.body());
    }

    /** The methods the routes serve at {@code path}, in the order they were added; none for a path without a route. */
    public Set<String> methodsFor(String path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(path)) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    /** The route without a document path, so logs never hold a document name beyond the audit line. */
    private String routeName(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route.prefix() ? route.path() + "{path}" : route.path();
            }
        }
        return "unknown";
    }

    private record Route(String method, String path, boolean prefix, Function<ApiRequest, ApiResponse> handler) {
        boolean matches(String requestPath) {
            return prefix ? requestPath.startsWith(path) && requestPath.length() > path.length() : requestPath.equals(path);
        }
    }

    /** Collects the routes; each module that serves some adds them. */
    public static final class Builder {
        private final EventLog eventLog;
        private final List<Route> routes = new ArrayList<>();

        private Builder(EventLog eventLog) {
            this.eventLog = eventLog;
        }

        public Builder route(String method, String path, Function<ApiRequest, ApiResponse> handler) {
            routes.add(new Route(method, path, false, handler));
            return this;
        }

        /** A route whose path continues after {@code prefix} (e.g. a document path); the rest is the handler's. */
        public Builder prefixRoute(String method, String prefix, Function<ApiRequest, ApiResponse> handler) {
            routes.add(new Route(method, prefix, true, handler));
            return this;
        }

        public AdminRoutes build() {
            return new AdminRoutes(routes, eventLog);
        }
    }
}
