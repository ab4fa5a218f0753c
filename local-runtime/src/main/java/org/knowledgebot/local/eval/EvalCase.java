package org.knowledgebot.local.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One question of the evaluation set: the messages of one conversation (only the last is scored), the documents
 * the answer should cite (none for a question the documents cannot answer) and the key facts it must contain,
 * each fact a list of acceptable spellings.
 */
public record EvalCase(String id, String kind, List<String> turns, List<String> documents, List<List<String>> facts) {
    public static final String OUT_OF_SCOPE = "out-of-scope";

    public EvalCase {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("case " + id + " has no turns");
        }
        turns = List.copyOf(turns);
        documents = List.copyOf(documents);
        facts = facts.stream().map(List::copyOf).toList();
    }

    public boolean answerable() {
        return !documents.isEmpty();
    }

    /** Reads {@code {"cases":[{"id","kind","turns","documents","facts"}]}}; alternatives of a fact are separated by " | ". */
    public static List<EvalCase> load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<EvalCase> cases = new ArrayList<>();
        for (JsonNode node : root.path("cases")) {
            List<List<String>> facts = new ArrayList<>();
            for (JsonNode fact : node.path("facts")) {
                facts.add(List.of(fact.asText().split("\\s+\\|\\s+")));
            }
            cases.add(new EvalCase(node.path("id").asText(), node.path("kind").asText(), strings(node.path("turns")),
                    strings(node.path("documents")), facts));
        }
        if (cases.isEmpty()) {
            throw new IOException(file + " has no cases; expected {\"cases\":[{\"id\",\"kind\",\"turns\",\"documents\",\"facts\"}]}");
        }
        return cases;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
