package org.knowledgebot.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.Map;

/** Decides a {@code $connect} like API Gateway's REQUEST authorizer: the context to attach, or the status to refuse with. */
public interface ConnectAuthorizer {
    Decision authorize(APIGatewayV2WebSocketEvent connectEvent);

    /** {@code context} non-null when allowed; otherwise {@code status} is the HTTP status of the refused upgrade. */
    record Decision(Map<String, Object> context, int status) {
        public static Decision allow(Map<String, Object> context) {
            return new Decision(Map.copyOf(context), 200);
        }

        public static Decision refuse(int status) {
            return new Decision(null, status);
        }

        public boolean allowed() {
            return context != null;
        }
    }
}
