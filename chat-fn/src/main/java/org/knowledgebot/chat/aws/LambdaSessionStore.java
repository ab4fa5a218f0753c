package org.knowledgebot.chat.aws;

import java.util.List;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.observability.EventLog;
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
 *
 * <p>A session function that predates {@code get_recent_turns} (the original's session handler answers it with
 * 400 "Operation not found/allowed") is read with {@code get_session} instead, and from then on for the life of
 * the execution environment: one extra Invoke once, then the same single Invoke per answer.
 */
public final class LambdaSessionStore implements SessionStore {
    private final LambdaClient lambda;
    private final String functionName;
    private final EventLog eventLog;
    private volatile boolean recentTurnsUnknown;

    /** @param eventLog where the one-time switch to {@code get_session} is recorded, with the refusal as its cause */
    public LambdaSessionStore(LambdaClient lambda, String functionName, EventLog eventLog) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.eventLog = eventLog;
    }

    @Override
    public Optional<Session> find(String userId, String sessionId) {
        return SessionProtocol.parseSession(call(SessionProtocol.getSessionRequest(userId, sessionId)));
    }

    /** One Invoke whose answer holds at most {@code maxTurns} turns, whatever the length of the conversation. */
    @Override
    public Optional<Session> findRecent(String userId, String sessionId, int maxTurns) {
        if (!recentTurnsUnknown) {
            try {
                return SessionProtocol.parseSession(call(SessionProtocol.getRecentTurnsRequest(userId, sessionId, maxTurns)));
            } catch (SessionServiceException e) {
                if (e.refusedStatus != 400) {
                    throw e;
                }
                // Remembered only once get_session works: a request both operations refuse keeps failing as it should.
                Optional<Session> whole = find(userId, sessionId);
                recentTurnsUnknown = true;
                eventLog.write(EventLog.event("get_recent_turns", "refused; reading get_session from now on").cause(e));
                return whole.map(session -> lastTurns(session, maxTurns));
            }
        }
        return find(userId, sessionId).map(session -> lastTurns(session, maxTurns));
    }

    private static Session lastTurns(Session session, int maxTurns) {
        List<Turn> turns = session.turns();
        return turns.size() <= maxTurns ? session : new Session(session.userId(), session.sessionId(), session.title(),
                session.createdAt(), session.updatedAt(), turns.subList(turns.size() - maxTurns, turns.size()));
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
                    + result.statusCode() + ": " + SessionProtocol.parseError(result.body()) + ")", result.statusCode());
        }
        return result.body();
    }

    /** The session function failed or refused an operation. */
    public static final class SessionServiceException extends RuntimeException {
        /** The status of an answer that refused the operation; 0 when there was no such answer. */
        private final int refusedStatus;

        SessionServiceException(String message) {
            this(message, 0);
        }

        SessionServiceException(String message, int refusedStatus) {
            super(message);
            this.refusedStatus = refusedStatus;
        }

        SessionServiceException(String message, Throwable cause) {
            super(message, cause);
            this.refusedStatus = 0;
        }
    }
}
