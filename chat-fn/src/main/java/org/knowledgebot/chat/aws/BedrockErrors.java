package org.knowledgebot.chat.aws;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.port.ModelException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * Turns Bedrock Runtime failures into {@link ModelException}s whose messages are safe for users. Retryable
 * means worth another try before the first token (throttling, capacity, server errors); requests the service
 * refuses (validation, access denied, unknown model) are not.
 */
final class BedrockErrors {
    static final String BUSY = SafeError.MODEL_BUSY.message();
    static final String UNAVAILABLE = "The model is temporarily unavailable. Please try again in a moment.";
    static final String STREAM_FAILED = "The model stopped while answering. Please try again.";
    static final String UNREACHABLE = "The model could not be reached. Please try again in a moment.";
    static final String REFUSED = "The model could not answer this request.";

    private BedrockErrors() {
    }

    static ModelException toModelException(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ModelException modelException) {
            return modelException;
        }
        if (cause instanceof ThrottlingException || cause instanceof ServiceQuotaExceededException) {
            return new ModelException(ErrorCode.THROTTLED, BUSY, true, cause);
        }
        if (cause instanceof ModelStreamErrorException) {
            return new ModelException(ErrorCode.MODEL_ERROR, STREAM_FAILED, true, cause);
        }
        if (cause instanceof ServiceUnavailableException || cause instanceof ModelNotReadyException
                || cause instanceof InternalServerException || cause instanceof ModelTimeoutException) {
            return new ModelException(ErrorCode.MODEL_ERROR, UNAVAILABLE, true, cause);
        }
        if (cause instanceof AwsServiceException service) {
            if (service.statusCode() == 429) {
                return new ModelException(ErrorCode.THROTTLED, BUSY, true, cause);
            }
            boolean serverSide = service.statusCode() >= 500;
            return new ModelException(ErrorCode.MODEL_ERROR, serverSide ? UNAVAILABLE : REFUSED, serverSide, cause);
        }
        if (cause instanceof SdkClientException) {
            return new ModelException(ErrorCode.MODEL_ERROR, UNREACHABLE, true, cause);
        }
        return new ModelException(ErrorCode.MODEL_ERROR, REFUSED, false, cause);
    }
}
