package org.knowledgebot.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.function.Consumer;
import org.knowledgebot.core.observability.UserHash;

/**
 * One JSON line per operator action: who (username and user hash), what, and which document when there is one.
 * It has no field for a document's contents, a comment or an answer, so they cannot leak here.
 */
public final class AuditLog {
    private final Consumer<String> out;
    private final Clock clock;

    public AuditLog(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static AuditLog toStandardOutput(Clock clock) {
        return new AuditLog(System.out::println, clock);
    }

    public void action(Caller operator, String action, String documentPathOrNull) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", "INFO");
        line.put("audit", action);
        line.put("operator", operator.username());
        line.put("userHash", UserHash.of(operator.userId()));
        if (documentPathOrNull != null) {
            line.put("document", documentPathOrNull);
        }
        out.accept(line.toString());
    }
}
