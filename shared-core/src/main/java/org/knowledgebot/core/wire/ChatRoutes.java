package org.knowledgebot.core.wire;

import java.util.Arrays;
import java.util.List;

/**
 * The WebSocket routes chat-fn serves, named once for chat-fn, the local runtime's gateway and the CDK app: one
 * route per {@link WireProtocol} action, plus {@code $default} for everything else (unknown actions, non-JSON).
 * API Gateway's message limits are {@link IncomingMessageParser#MAX_MESSAGE_BYTES} (in) and
 * {@link FrameSplitter#MAX_FRAME_BYTES} (out).
 */
public final class ChatRoutes {
    /** The route API Gateway picks when {@code $request.body.action} names no route. */
    public static final String DEFAULT_ROUTE = "$default";
    /** {@code getChatbotResponse}, {@code sendMessage}. */
    public static final List<String> ACTIONS = Arrays.stream(WireProtocol.values()).map(WireProtocol::action).toList();

    private ChatRoutes() {
    }
}
