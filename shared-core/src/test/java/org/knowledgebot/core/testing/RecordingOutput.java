package org.knowledgebot.core.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Collects the lines an {@code EventLog} or {@code AnswerMetrics} writes. */
public final class RecordingOutput implements Consumer<String> {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
