package org.knowledgebot.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.local.http.HttpReply;

/**
 * API Gateway's Management API over the local connections, answering with the status codes, error type header
 * and JSON shapes of the real service, so the AWS SDK's {@code ApiGatewayManagementApiClient} works against it:
 * {@code POST @connections/{id}} (200; 410 GoneException; 413 PayloadTooLargeException),
 * {@code GET} (200 with {@code connectedAt}, {@code identity.sourceIp/userAgent}, {@code lastActiveAt}, the wire
 * names of the service, which the SDK reads; 410) and {@code DELETE} (204; 410).
 */
public final class ManagementApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalConnections connections;

    public ManagementApi(LocalConnections connections) {
        this.connections = connections;
    }

    public HttpReply post(String connectionId, byte[] frame) {
        if (frame.length > LocalConnections.MAX_FRAME_BYTES) {
            return error(413, "PayloadTooLargeException", "Message too long");
        }
        try {
            connections.send(connectionId, new String(frame, StandardCharsets.UTF_8));
            return HttpReply.empty(200);
        } catch (ClientGoneException e) {
            // A gone connection is the 410 the real @connections API answers.
            return gone();
        }
    }

    public HttpReply get(String connectionId) {
        return connections.find(connectionId).map(connection -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("connectedAt", DateTimeFormatter.ISO_INSTANT.format(connection.handshake().connectedAt()));
            ObjectNode identity = body.putObject("identity");
            identity.put("sourceIp", connection.handshake().sourceIp());
            identity.put("userAgent", connection.handshake().userAgent() == null ? "" : connection.handshake().userAgent());
            body.put("lastActiveAt", DateTimeFormatter.ISO_INSTANT.format(connection.lastActiveAt()));
            return HttpReply.json(200, body.toString());
        }).orElseGet(ManagementApi::gone);
    }

    public HttpReply delete(String connectionId) {
        return connections.close(connectionId) ? HttpReply.empty(204) : gone();
    }

    private static HttpReply gone() {
        return error(410, "GoneException", null);
    }

    private static HttpReply error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        if (message == null) {
            body.putNull("message");
        } else {
            body.put("message", message);
        }
        return HttpReply.json(status, body.toString()).withHeader("x-amzn-ErrorType", type);
    }
}
