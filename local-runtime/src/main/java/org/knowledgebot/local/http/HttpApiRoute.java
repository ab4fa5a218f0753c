package org.knowledgebot.local.http;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.knowledgebot.aws.InProcessLambdaContext;

/**
 * A route of the HTTP API as API Gateway serves it: the JWT authorizer's claims (or a 401 like the authorizer's)
 * in a payload-v2 {@link APIGatewayV2HTTPEvent}, handed to a function's real HTTP handler ({@code POST /user-session}
 * to session-fn's, {@code /feedback} and {@code /admin/*} to admin-fn's).
 */
public record HttpApiRoute(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                           CallerIdentity callers, Clock clock, String functionName) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** The request as the HTTP API would hand it on; {@code request.path()} is decoded, the query raw. */
    public HttpReply invoke(ForwardedRequest request) {
        Map<String, String> headers = request.headers();
        Optional<Map<String, String>> claims = callers.claims(headers.get("authorization"));
        if (claims.isEmpty()) {
            return HttpReply.json(401, "{\"message\":\"Unauthorized\"}").withHeader("www-authenticate", "Bearer");
        }
        Instant now = clock.instant();
        String requestId = UUID.randomUUID().toString();
        String routeKey = request.method() + " " + request.path();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(request.path())
                .withRawQueryString(request.rawQuery())
                .withQueryStringParameters(request.queryParameters())
                .withHeaders(headers)
                .withBody(request.body())
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withApiId("local")
                        .withAccountId("000000000000")
                        .withDomainName(request.domainName())
                        .withRequestId(requestId)
                        .withTime(TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method()).withPath(request.path()).withProtocol("HTTP/1.1")
                                .withSourceIp(request.sourceIp()).withUserAgent(headers.getOrDefault("user-agent", "")).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims.get()).withScopes(null).build())
                                .build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new InProcessLambdaContext(functionName));
        Map<String, String> responseHeaders = new LinkedHashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        String contentType = responseHeaders.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue)
                .findFirst().orElse("application/json");
        responseHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("content-type"));
        String responseBody = response.getBody() == null ? "" : response.getBody();
        return new HttpReply(response.getStatusCode(), contentType, responseHeaders, responseBody.getBytes(StandardCharsets.UTF_8));
    }
}
