package org.knowledgebot.session;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** What the HTTP API's handlers read from a payload-v2 event: the JWT authorizer's claims and the body. */
public final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /** The verified token's claims as the JWT authorizer passes them (every value a string); null without any. */
    public static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return null;
        }
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }

    /** The body as text, decoded when API Gateway sent it base64-encoded; null when there is none or it is not base64. */
    public static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || !event.getIsBase64Encoded()) {
            return body;
        }
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not Base64: the body is read as absent, which the operations answer with a 400.
            return null;
        }
    }
}
