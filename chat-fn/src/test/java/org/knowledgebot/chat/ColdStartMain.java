package org.knowledgebot.chat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.knowledgebot.chat.aws.Fixtures;
import org.knowledgebot.core.testing.ColdStart;

/**
 * What a fresh Lambda execution environment does for its first event: construct the handler (for chat-fn this
 * builds the whole graph from the environment variables), hand it the event JSON, handle it. The hello-world
 * baseline gets the event read into its type, as the Lambda runtime reads it for a typed handler; chat-fn gets
 * the bytes through its stream entry, as Lambda calls it. Run in a new JVM by the cold-start benchmark; prints
 * the status it answered.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Object status;
        if ("hello".equals(args[0])) {
            status = new HelloWorldHandler().handleRequest(WebSocketEvents.load("send-message.json"), null)
                    .getStatusCode();
        } else {
            ChatHandler handler = new ChatHandler();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(
                    Fixtures.read("events/send-message.json").getBytes(StandardCharsets.UTF_8)), response, null);
            status = response.toString(StandardCharsets.UTF_8).contains("\"statusCode\":200") ? 200 : response;
        }
        ColdStart.printResult(status, started);
        // Netty's event loop would keep the JVM up for its quiet period; the measured work is done.
        System.exit(0);
    }
}
