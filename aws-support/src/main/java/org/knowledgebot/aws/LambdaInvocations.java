package org.knowledgebot.aws;

import com.amazonaws.services.lambda.runtime.Context;

/** What the handlers read from their Lambda {@link Context}, which is null when a test calls a handler directly. */
public final class LambdaInvocations {
    private LambdaInvocations() {
    }

    /** The invocation's request id for the log line, or null without a context. */
    public static String requestId(Context context) {
        return context == null ? null : context.getAwsRequestId();
    }
}
