package org.knowledgebot.aws;

import java.util.Optional;
import org.knowledgebot.core.observability.ServiceErrorCodes;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The error code an AWS service answered with ({@code AccessDeniedException}, {@code ThrottlingException},
 * {@code ResourceNotFoundException}), so that a log line tells one failure of a call from another.
 */
public final class AwsServiceErrorCodes implements ServiceErrorCodes {
    @Override
    public Optional<String> of(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return Optional.ofNullable(service.awsErrorDetails().errorCode());
        }
        return Optional.empty();
    }
}
