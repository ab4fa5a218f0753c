package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

class AwsClientsTest {
    @Test
    void theLambdaClientsNeedTheRegionOfTheFunction() {
        assertThatThrownBy(() -> AwsClients.forLambda(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("missing required environment variable AWS_REGION");
    }
}
