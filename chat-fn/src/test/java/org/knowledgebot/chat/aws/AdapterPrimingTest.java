package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterPrimingTest {
    @Test
    void everyAdapterAndModelFamilyRunsOnceAgainstTheInMemoryClient() {
        // when
        List<String> answered = AdapterPriming.run(List.of("anthropic.claude-3-5-sonnet-20240620-v1:0",
                "mistral.mistral-7b-instruct-v0:2", "meta.llama3-1-70b-instruct-v1:0"));

        // then
        assertThat(answered).containsExactly(
                "POST / AWSKendraFrontendService.Retrieve",
                "POST /knowledgebases/PRIMING/retrieve",
                "GET /system-prompt.txt",
                "POST /2015-03-31/functions/priming/invocations",
                "POST /priming/@connections/priming",
                "POST /model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/invoke-with-response-stream",
                "POST /model/mistral.mistral-7b-instruct-v0%3A2/invoke-with-response-stream",
                "POST /model/meta.llama3-1-70b-instruct-v1%3A0/converse-stream",
                "POST /model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/invoke",
                "POST /model/mistral.mistral-7b-instruct-v0%3A2/invoke");
    }
}
