package org.knowledgebot.local.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.model.SamplingFields;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;

/**
 * A chat model behind an OpenAI-compatible endpoint (a local Ollama, llama.cpp server, vLLM, ...):
 * {@code POST {baseUrl}/chat/completions} with {@code stream: true}, read as server-sent events
 * ({@code data: {...}} lines, {@code data: [DONE]} at the end). The API key is optional and never logged.
 */
public final class OpenAiCompatibleChatModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final String apiKeyOrNull;
    private final Duration responseTimeout;

    public OpenAiCompatibleChatModel(HttpClient http, String baseUrl, String model, String apiKeyOrNull, Duration responseTimeout) {
        this.http = http;
        this.endpoint = URI.create((baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/chat/completions");
        this.model = model;
        this.apiKeyOrNull = apiKeyOrNull == null || apiKeyOrNull.isBlank() ? null : apiKeyOrNull;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(responseTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(request)));
        if (apiKeyOrNull != null) {
            builder.header("Authorization", "Bearer " + apiKeyOrNull);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ModelException(ErrorCode.MODEL_ERROR, "The model server could not be reached.", true, e);
        } catch (InterruptedException e) {
            // Interrupted while connecting: treated as a cancelled answer, the interrupt kept.
            Thread.currentThread().interrupt();
            return new Completion(Completion.CANCELLED, Usage.NONE);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response.statusCode());
            }
            cancellation.onCancel(() -> closeQuietly(body));
            return readEvents(body, listener, cancellation);
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                return new Completion(Completion.CANCELLED, Usage.NONE);
            }
            throw new ModelException(ErrorCode.MODEL_ERROR, "The model server stopped answering.", true, e);
        }
    }

    private Completion readEvents(InputStream body, DeltaListener listener, Cancellation cancellation) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String stopReason = null;
        Usage usage = Usage.NONE;
        String line;
        while ((line = reader.readLine()) != null) {
            if (cancellation.isCancelled()) {
                return new Completion(Completion.CANCELLED, usage);
            }
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring("data:".length()).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode event = parse(data);
            if (event.hasNonNull("error")) {
                throw new ModelException(ErrorCode.MODEL_ERROR, "The model server reported an error.", false);
            }
            JsonNode choice = event.path("choices").path(0);
            String text = choice.path("delta").path("content").asText("");
            if (!text.isEmpty()) {
                listener.onDelta(text);
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason = stopReasonOf(choice.get("finish_reason").asText());
            }
            if (event.hasNonNull("usage")) {
                usage = new Usage(event.get("usage").path("prompt_tokens").asInt(0), event.get("usage").path("completion_tokens").asInt(0));
            }
        }
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, usage);
        }
        return new Completion(stopReason == null ? "end_turn" : stopReason, usage);
    }

    private String body(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        SamplingFields.put(body, request);
        if (!request.stopSequences().isEmpty()) {
            SamplingFields.putStops(body, "stop", request);
        }
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role() == ChatMessage.Role.USER ? "user" : "assistant").put("content", message.text());
        }
        return body.toString();
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new ModelException(ErrorCode.MODEL_ERROR, "The model server sent an unreadable event.", false, e);
        }
    }

    /** OpenAI's finish reasons mapped onto the Anthropic names the rest of the system uses. */
    private static String stopReasonOf(String finishReason) {
        return switch (finishReason.toLowerCase(Locale.ROOT)) {
            case "stop" -> "end_turn";
            case "length" -> "max_tokens";
            default -> finishReason;
        };
    }

    private static ModelException failure(int status) {
        if (status == 429) {
            return new ModelException(ErrorCode.THROTTLED, "The model server is busy; try again in a moment.", true);
        }
        return new ModelException(ErrorCode.MODEL_ERROR, "The model server answered with status " + status + ".", status >= 500);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing only unblocks the reader; a failure to close changes nothing for the caller.
        }
    }
}
