package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.port.ClientGoneException;

/**
 * A client that sends messages and never reads the answers cannot hold the route workers: the first answer that
 * cannot be written within the send timeout drops the connection, and its other answers stop at once.
 */
class ClientThatNeverReadsTest {
    private static final Duration SEND_TIMEOUT = Duration.ofMillis(400);
    private static final int MESSAGES = 4;
    private static final String LARGE_FRAME = "x".repeat(30_000);

    private final LocalConnections connections = new LocalConnections(Clock.systemUTC(), SEND_TIMEOUT);
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final AtomicInteger answersThatWaitedForTheTimeout = new AtomicInteger();
    private GatewayServer server;

    /** Streams an answer far larger than the socket buffers; counts the answers whose send waited out the timeout. */
    private final RequestHandler<APIGatewayV2WebSocketEvent, Object> chatHandler = (event, context) -> {
        String connectionId = event.getRequestContext().getConnectionId();
        for (int frame = 0; frame < 1_000; frame++) {
            long started = System.nanoTime();
            try {
                connections.send(connectionId, LARGE_FRAME);
            } catch (ClientGoneException e) {
                if (System.nanoTime() - started >= SEND_TIMEOUT.toNanos()) {
                    answersThatWaitedForTheTimeout.incrementAndGet();
                }
                return null;
            }
        }
        return null;
    };

    @BeforeEach
    void start() throws Exception {
        server = new GatewayServer(connections, chatHandler, worker);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        worker.shutdownNow();
    }

    @Test
    void aClientThatNeverReadsIsDroppedAfterOneTimeoutAndItsOtherMessagesDoNotPinTheWorkerAgain() throws Exception {
        // given: a client with a tiny receive buffer that sends several messages and never reads
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(2048);
            client.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream out = client.getOutputStream();
            out.write(("GET " + WebSocketGateway.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            // when
            for (int message = 0; message < MESSAGES; message++) {
                out.write(maskedTextFrame("{\"action\":\"sendMessage\",\"requestId\":\"r-" + message + "\",\"message\":\"hi\"}"));
            }
            out.flush();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((answersThatWaitedForTheTimeout.get() == 0 || connections.size() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // time enough for each other message to wait out the timeout too, were the connection still there
            Thread.sleep(MESSAGES * SEND_TIMEOUT.toMillis());

            // then: one answer waited out the timeout; the connection is gone, so the others ended at once
            assertThat(connections.size()).isZero();
            assertThat(answersThatWaitedForTheTimeout.get()).isEqualTo(1);
        }
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
