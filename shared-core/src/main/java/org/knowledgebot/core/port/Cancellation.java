package org.knowledgebot.core.port;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A one-way switch that stops a model stream: the client went away or pressed stop. Thread-safe. */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels once; later calls do nothing. Callbacks run on the calling thread. */
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
        }
        callbacks.forEach(Runnable::run);
    }

    /** Runs {@code callback} when cancelled, at once if that already happened. */
    public void onCancel(Runnable callback) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }
}
