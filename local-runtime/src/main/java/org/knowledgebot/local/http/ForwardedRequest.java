package org.knowledgebot.local.http;

import java.util.Map;

/**
 * What the runtime hands an HTTP API route: method, decoded path, raw query and its parameters (API Gateway
 * joins repeated ones with commas), headers with lower-case names, body, and where the request came from.
 */
public record ForwardedRequest(String method, String path, String rawQuery, Map<String, String> queryParameters,
                               Map<String, String> headers, String body, String sourceIp, String domainName) {
    public ForwardedRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        queryParameters = queryParameters == null || queryParameters.isEmpty() ? null : Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
    }
}
