package org.knowledgebot.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.knowledgebot.chat.aws.AdapterPriming;
import org.knowledgebot.aws.AwsServiceErrorCodes;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.model.AnthropicMessagesCodec;
import org.knowledgebot.core.model.MistralInstructCodec;
import org.knowledgebot.core.observability.FailureCause;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.session.InvokeEnvelope;
import org.knowledgebot.core.session.SessionProtocol;
import org.knowledgebot.core.wire.IncomingMessageParser;
import org.knowledgebot.core.wire.SeedProtocol;
import org.knowledgebot.core.wire.TypedProtocol;

/**
 * SnapStart priming: before the snapshot, makes sure the whole Dagger graph exists, runs the JSON and codec paths
 * of one answer on sample data, and runs every AWS adapter once against an in-memory HTTP client
 * ({@link AdapterPriming}), so those classes are loaded and warm in the snapshot. It makes no network call and
 * resolves no credentials: a snapshot must not hold connections or secrets.
 */
public final class SnapStartPriming implements Resource {
    private final ChatComponent component;

    SnapStartPriming(ChatComponent component) {
        this.component = component;
    }

    /** Registers priming for {@code component} with the JVM's checkpoint context (a no-op without SnapStart). */
    static SnapStartPriming register(ChatComponent component) {
        SnapStartPriming priming = new SnapStartPriming(component);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
        try {
            List<String> modelIds = new ArrayList<>(component.config().models().answerModelIds().values());
            modelIds.add(component.config().models().rewriteModelId());
            AdapterPriming.run(modelIds);
        } catch (RuntimeException e) {
            // A cold first call is slower, not wrong: never fail the snapshot over priming.
            System.err.println("SnapStart priming of the AWS adapters stopped early: "
                    + FailureCause.of(e, new AwsServiceErrorCodes()).classChain());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: no connection was opened and no credential resolved before the checkpoint.
    }

    /** Exercises the graph and every JSON path of an answer on sample data. */
    void prime() {
        component.chatEndpoint();
        new IncomingMessageParser(4_000).parse(
                "{\"action\":\"sendMessage\",\"requestId\":\"r-1\",\"message\":\"When is trash picked up?\"}");
        new IncomingMessageParser(4_000).parse(
                "{\"action\":\"getChatbotResponse\",\"data\":{\"userMessage\":\"When is trash picked up?\"}}");

        Source source = new Source("Trash pickup", "https://example.org/trash", "Mondays.", Confidence.HIGH);
        Turn turn = new Turn("When is trash picked up?", "On Mondays.", List.of(source), TurnStatus.COMPLETE,
                Instant.EPOCH);
        Session session = new Session("user", "session", "Trash", Instant.EPOCH, Instant.EPOCH, List.of(turn));
        SessionProtocol.parseSession(SessionProtocol.sessionBody(session));
        InvokeEnvelope.parseResponse(InvokeEnvelope.request(
                SessionProtocol.appendTurnRequest("user", "session", turn, "Trash")));

        ModelRequest request = new ModelRequest("Knowledge: Mondays.", List.of(ChatMessage.user("Trash?")), 16, 0.1,
                null, List.of("?\n"));
        AnthropicMessagesCodec.requestBody(request);
        AnthropicMessagesCodec.StreamDecoder claude = new AnthropicMessagesCodec.StreamDecoder();
        claude.accept("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}");
        claude.accept("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"On\"}}");
        claude.accept("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}");
        claude.accept("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":1}}");
        MistralInstructCodec.requestBody(request);
        new MistralInstructCodec.StreamDecoder().accept("{\"outputs\":[{\"text\":\"Trash?\",\"stop_reason\":\"stop\"}]}");

        TypedProtocol.start("r-1", "session", "message");
        TypedProtocol.tokens("r-1", "On Mondays.");
        TypedProtocol.sources("r-1", List.of(source));
        TypedProtocol.end("r-1", "end_turn", new Usage(1, 1));
        TypedProtocol.error("r-1", ErrorCode.MODEL_ERROR, "sample");
        SeedProtocol.textFrames("On Mondays.");
        SeedProtocol.sourcesFrame(List.of(source));
    }
}
