package org.knowledgebot.chat.aws;

import java.util.List;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.session.InvokeEnvelope;
import org.knowledgebot.core.session.SessionProtocol;
import org.knowledgebot.core.session.SessionResponse;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Sessions kept by the session function, reached through a synchronous Lambda Invoke with the payload
 * {@code {"body":"<json>"}} of the original session handler. The JSON shapes are shared-core's
 * {@link SessionProtocol} and {@link InvokeEnvelope}; this class only moves them over Lambda.
 */
public record LambdaSessionStore(LambdaClient lambda, String functionName) implements SessionStore {
    @Override
    public Optional<Session> find(String userId, String sessionId) {
        return SessionProtocol.parseSession(call(SessionProtocol.getSessionRequest(userId, sessionId)));
    }

    /** One Invoke whose answer holds at most {@code maxTurns} turns, whatever the length of the conversation. */
    @Override
    public Optional<Session> findRecent(String userId, String sessionId, int maxTurns) {
        return SessionProtocol.parseSession(call(SessionProtocol.getRecentTurnsRequest(userId, sessionId, maxTurns)));
    }

    @Override
    public Session create(String userId, String sessionId, String title) {
        call(SessionProtocol.addSessionRequest(userId, sessionId, title));
        return find(userId, sessionId).orElseThrow(
                () -> new SessionServiceException("the session service did not keep the new session"));
    }

    @Override
    public void append(String userId, String sessionId, Turn turn, String titleIfNew) {
        call(SessionProtocol.appendTurnRequest(userId, sessionId, turn, titleIfNew));
    }

    @Override
    public List<SessionSummary> listRecent(String userId, int limit) {
        boolean all = limit > SessionProtocol.RECENT_LIMIT;
        List<SessionSummary> sessions = SessionProtocol.parseSummaries(
                call(SessionProtocol.listSessionsRequest(userId, all)));
        return sessions.size() > limit ? sessions.subList(0, limit) : sessions;
    }

    @Override
    public boolean rename(String userId, String sessionId, String title) {
        return SessionProtocol.parseRenamed(call(SessionProtocol.renameSessionRequest(userId, sessionId, title)));
    }

    @Override
    public boolean delete(String userId, String sessionId) {
        return SessionProtocol.parseDeleted(call(SessionProtocol.deleteSessionRequest(userId, sessionId))) > 0;
    }

    @Override
    public int deleteAll(String userId) {
        return SessionProtocol.parseDeleted(call(SessionProtocol.deleteUserSessionsRequest(userId)));
    }

    /** Invokes the session function with one operation body and returns the response body of a 2xx answer. */
    private String call(String body) {
        InvokeResponse response;
        try {
            response = lambda.invoke(request -> request
                    .functionName(functionName)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(InvokeEnvelope.request(body))));
        } catch (SdkException e) {
            throw new SessionServiceException("the session service could not be reached", e);
        }
        if (response.functionError() != null) {
            throw new SessionServiceException("the session function failed (" + response.functionError() + ")");
        }
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        SessionResponse result = InvokeEnvelope.parseResponse(payload);
        if (result.statusCode() / 100 != 2) {
            throw new SessionServiceException("the session service refused the request (status "
                    + result.statusCode() + ": " + SessionProtocol.parseError(result.body()) + ")");
        }
        return result.body();
    }

    /** The session function failed or refused an operation. */
    public static final class SessionServiceException extends RuntimeException {
        SessionServiceException(String message) {
            super(message);
        }

        SessionServiceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
