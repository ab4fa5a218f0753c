package org.knowledgebot.core.admin;

import java.util.Map;
import java.util.Optional;

/** One HTTP request to the feedback or admin routes, already authenticated ({@code caller}). */
public record ApiRequest(String method, String path, Map<String, String> query, String body, Caller caller) {
    public ApiRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? "" : body;
    }

    public Optional<String> queryValue(String name) {
        return Optional.ofNullable(query.get(name)).filter(value -> !value.isEmpty());
    }
}
