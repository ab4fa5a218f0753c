package org.knowledgebot.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON object of a request body; anything else is a 400 whose message shows the expected shape. */
public final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    /** @param expected how to fix the request, e.g. {@code Send {"path":"a.md"}.} */
    public static JsonNode object(String body, String expected) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            // A body that is not JSON is the 400 below, which shows the expected shape.
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw ApiProblem.badRequest(expected);
        }
        return json;
    }

    /** The field's text; a field of another type (a number, an array, an object) is a 400, a missing or null one null. */
    public static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiProblem.badRequest(field + " must be a string.");
        }
        return value.asText();
    }

    /** The field's strings; a field that is not an array of strings is a 400, a missing or null one no strings. */
    public static List<String> texts(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.isTextual() ? item.asText() : null));
        if (!value.isArray() || texts.contains(null)) {
            throw ApiProblem.badRequest(field + " must be an array of strings.");
        }
        return texts;
    }
}
