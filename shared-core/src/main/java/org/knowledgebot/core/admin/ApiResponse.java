package org.knowledgebot.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/** What a route answers: status, content type, extra headers and a text body. */
public record ApiResponse(int status, String contentType, Map<String, String> headers, String body) {
    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static ApiResponse json(int status, String json) {
        return new ApiResponse(status, "application/json", Map.of(), json);
    }

    /** {@code {"message": …}}: what the caller did wrong and how to fix it. */
    public static ApiResponse message(int status, String message) {
        return json(status, JsonNodeFactory.instance.objectNode().put("message", message).toString());
    }
}
