package org.knowledgebot.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AwsServiceErrorCodesTest {
    private final AwsServiceErrorCodes codes = new AwsServiceErrorCodes();

    @Test
    void aServiceFailureGivesTheErrorCodeTheServiceAnsweredWith() {
        AwsServiceException denied = AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").serviceName("Kendra").build())
                .statusCode(400)
                .build();

        assertThat(codes.of(denied)).contains("AccessDeniedException");
    }

    @Test
    void anyOtherFailureHasNoServiceErrorCode() {
        assertThat(codes.of(new IllegalStateException("boom"))).isEmpty();
        assertThat(codes.of(AwsServiceException.builder().statusCode(500).build())).isEmpty();
    }
}
