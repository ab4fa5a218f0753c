package org.knowledgebot.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.SessionStore;

/** A {@link SessionStore} in memory, scoped by user like the real ones; it can be told to fail. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Map<String, Session>> byUser = new LinkedHashMap<>();
    private final Clock clock;
    private final List<Integer> recentReads = new ArrayList<>();
    private RuntimeException failure;

    public InMemorySessionStore(Clock clock) {
        this.clock = clock;
    }

    /** Every call throws {@code failure} from now on (null heals the store). */
    public synchronized InMemorySessionStore failWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    /** Stores {@code session} as it is (test setup). */
    public synchronized InMemorySessionStore put(Session session) {
        byUser.computeIfAbsent(session.userId(), user -> new LinkedHashMap<>()).put(session.sessionId(), session);
        return this;
    }

    @Override
    public synchronized Optional<Session> find(String userId, String sessionId) {
        check();
        return Optional.ofNullable(sessions(userId).get(sessionId));
    }

    @Override
    public synchronized Optional<Session> findRecent(String userId, String sessionId, int maxTurns) {
        check();
        recentReads.add(maxTurns);
        return Optional.ofNullable(sessions(userId).get(sessionId)).map(session -> new Session(userId, sessionId,
                session.title(), session.createdAt(), session.updatedAt(),
                session.turns().subList(Math.max(0, session.turns().size() - maxTurns), session.turns().size())));
    }

    /** The {@code maxTurns} of every {@link #findRecent} call so far. */
    public synchronized List<Integer> recentReads() {
        return List.copyOf(recentReads);
    }

    @Override
    public synchronized Session create(String userId, String sessionId, String title) {
        check();
        return sessions(userId).computeIfAbsent(sessionId,
                id -> new Session(userId, id, title, clock.instant(), clock.instant(), List.of()));
    }

    @Override
    public synchronized void append(String userId, String sessionId, Turn turn, String titleIfNew) {
        check();
        Session session = sessions(userId).get(sessionId);
        if (session == null) {
            session = new Session(userId, sessionId, titleIfNew, clock.instant(), clock.instant(), List.of());
        }
        List<Turn> turns = new ArrayList<>(session.turns());
        turns.add(turn);
        Instant now = clock.instant();
        sessions(userId).put(sessionId, new Session(userId, sessionId, session.title(), session.createdAt(), now, turns));
    }

    @Override
    public synchronized boolean rename(String userId, String sessionId, String title) {
        check();
        Session session = sessions(userId).get(sessionId);
        if (session != null) {
            sessions(userId).put(sessionId, new Session(userId, sessionId, title, session.createdAt(), session.updatedAt(),
                    session.turns()));
        }
        return session != null;
    }

    @Override
    public synchronized List<SessionSummary> listRecent(String userId, int limit) {
        check();
        return sessions(userId).values().stream().map(Session::summary)
                .sorted(Comparator.comparing(SessionSummary::updatedAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized boolean delete(String userId, String sessionId) {
        check();
        return sessions(userId).remove(sessionId) != null;
    }

    @Override
    public synchronized int deleteAll(String userId) {
        check();
        Map<String, Session> sessions = byUser.remove(userId);
        return sessions == null ? 0 : sessions.size();
    }

    /** Every turn of every session of every user (test assertions: "nothing was saved"). */
    public synchronized List<Turn> allTurns() {
        return byUser.values().stream().flatMap(m -> m.values().stream()).flatMap(s -> s.turns().stream()).toList();
    }

    private Map<String, Session> sessions(String userId) {
        return byUser.computeIfAbsent(userId, user -> new LinkedHashMap<>());
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }
}
