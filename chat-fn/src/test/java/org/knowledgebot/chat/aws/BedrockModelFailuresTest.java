package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.knowledgebot.chat.aws.StubAwsServer.restJson;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** How each of the three Bedrock adapters fails: the same error codes, retry advice and safe texts for all. */
class BedrockModelFailuresTest {
    private static final ModelRequest QUESTION = new ModelRequest("Answer briefly.",
            List.of(ChatMessage.user("How much is a parking permit?")), 200, 0.1, null, List.of());

    /** The adapters, each with a model id it serves. */
    enum Adapter {
        INVOKE_WITH_RESPONSE_STREAM(BedrockChatModel::forModel, "anthropic.claude-3-5-sonnet-20240620-v1:0"),
        INVOKE_MODEL(BedrockCompletionModel::forModel, "mistral.mistral-7b-instruct-v0:2"),
        CONVERSE_STREAM(BedrockChatModel::forModel, "meta.llama3-1-70b-instruct-v1:0");

        private final BiFunction<BedrockRuntimeAsyncClient, String, ChatModel> factory;
        private final String modelId;

        Adapter(BiFunction<BedrockRuntimeAsyncClient, String, ChatModel> factory, String modelId) {
            this.factory = factory;
            this.modelId = modelId;
        }

        ChatModel over(BedrockRuntimeAsyncClient client) {
            return factory.apply(client, modelId);
        }
    }

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    /** Each adapter against each kind of refusal: status, Bedrock's error type and message, then what it becomes. */
    static Stream<Arguments> refusals() {
        return Stream.of(Adapter.values()).flatMap(adapter -> Stream.of(
                arguments(adapter, 429, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                        "Too many requests, please wait before trying again.",
                        ErrorCode.THROTTLED, true, "The model is busy right now. Please try again in a moment."),
                arguments(adapter, 503, "ServiceUnavailableException", "Bedrock is unable to process your request.",
                        ErrorCode.MODEL_ERROR, true, "The model is temporarily unavailable. Please try again in a moment."),
                arguments(adapter, 400, "ValidationException",
                        "Malformed input request: #: extraneous key [foo] is not permitted",
                        ErrorCode.MODEL_ERROR, false, "The model could not answer this request.")));
    }

    @ParameterizedTest(name = "{0} answered {1} {2}")
    @MethodSource("refusals")
    void aRefusalIsTheErrorCodeRetryAdviceAndSafeTextOfItsKindAfterOneRequestAndNoDelta(
            Adapter adapter, int status, String errorType, String message, ErrorCode code, boolean retryable,
            String safeText) {
        // given
        stub.then(restJson(status, "{\"message\":\"" + message + "\"}", "x-amzn-ErrorType", errorType));
        ChatModel model = adapter.over(stub.bedrockRuntime());

        // when / then
        assertThatThrownBy(() -> model.stream(QUESTION, deltas::add, new Cancellation()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).isEqualTo(safeText);
                });
        assertThat(stub.requests()).as("the SDK does not retry: the pipeline decides").hasSize(1);
        assertThat(deltas).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void anAnswerCancelledBeforeItStartsMakesNoCall(Adapter adapter) {
        // given
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();

        // when
        Completion completion = adapter.over(stub.bedrockRuntime()).stream(QUESTION, deltas::add, cancelled);

        // then
        assertThat(completion.cancelled()).isTrue();
        assertThat(stub.requests()).isEmpty();
    }
}
