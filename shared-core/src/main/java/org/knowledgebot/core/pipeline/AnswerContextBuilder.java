package org.knowledgebot.core.pipeline;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.domain.SessionIds;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.prompt.PromptAssembler;
import org.knowledgebot.core.retrieval.Citations;

/**
 * Step 1 of an answer: from the question to what the model is asked. Picks the model, starts the system prompt,
 * opens the conversation, announces the answer ({@code start}), looks up the knowledge and assembles the
 * {@link ModelRequest}, with the sources to show under the answer. When the client sent the conversation's history,
 * the rewrite (or, without history, retrieval) starts from it beside the session read instead of after it.
 */
public record AnswerContextBuilder(AnswerModels models, SystemPrompts prompts, Conversations conversations,
                                   KnowledgeLookup knowledge, PromptAssembler assembler, ChatSettings settings) {
    /** @throws AnswerFailure when the answer cannot be built (unknown model, session or prompt not loaded) */
    AnswerContext build(ChatRequest request, ResponseSink sink, AnswerTrace trace) {
        ChatModel model = models.forAlias(request.modelAlias()).orElseThrow(
                () -> new AnswerFailure(SafeError.unknownModel(models.byAlias().keySet()), null));
        trace.modelId = models.modelId(request.modelAlias());
        CompletableFuture<String> instructions = prompts.fetch(request);
        String sessionId = request.sessionId() != null ? request.sessionId() : SessionIds.newId();
        trace.sessionId = sessionId;
        KnowledgeLookup.Early early = request.sessionId() != null && request.clientHistory() != null
                ? knowledge.startEarly(request.message(), request.clientHistory()) : null;
        Conversations.Conversation conversation = conversations.open(request, sessionId);
        String messageId = UUID.randomUUID().toString();
        sink.start(sessionId, messageId);

        List<Passage> kept = knowledge.passagesFor(request.message(), conversation.history(), sink, trace, early);
        ModelRequest modelRequest = new ModelRequest(assembler.systemPrompt(SystemPrompts.await(instructions), kept, request.locale()),
                assembler.messages(conversation.history(), request.message()), settings.answerMaxTokens(),
                settings.answerTemperature(), null, List.of());
        return new AnswerContext(sessionId, messageId, model, modelRequest, Citations.sources(kept),
                settings.maxSources(), conversation.title());
    }
}
