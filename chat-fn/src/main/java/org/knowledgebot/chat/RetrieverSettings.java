package org.knowledgebot.chat;

import java.util.Optional;
import org.knowledgebot.chat.aws.AwsClients;
import org.knowledgebot.chat.aws.KendraRetriever;
import org.knowledgebot.chat.aws.KnowledgeBaseRetriever;
import org.knowledgebot.chat.aws.ScoreBuckets;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.port.Retriever;

/**
 * Which AWS retriever answers and how, read once from {@code RETRIEVER}, {@code INDEX_ID},
 * {@code KNOWLEDGE_BASE_ID}, {@code PAGE_SIZE}, {@code KENDRA_LANGUAGE_CODE} and {@code KB_CONFIDENCE_THRESHOLDS}:
 * chat-fn's wiring, reused by the local runtime's hybrid mode. Only the chosen retriever's id is required.
 */
public record RetrieverSettings(Kind kind, String indexId, String knowledgeBaseId, int pageSize,
                                Optional<String> kendraLanguageCode, ScoreBuckets knowledgeBaseBuckets) {

    /** What {@code RETRIEVER} names: {@code kendra} or {@code knowledgeBase}. */
    public enum Kind {
        KENDRA, KNOWLEDGE_BASE;

        /** The value of {@code RETRIEVER} that names this kind (and the one error messages list). */
        @Override
        public String toString() {
            return this == KENDRA ? "kendra" : "knowledgeBase";
        }
    }

    /** The retriever {@code RETRIEVER} names (Kendra when unset). */
    public static RetrieverSettings from(Environment env) {
        return from(env, env.choice("RETRIEVER", Kind.class, Kind.KENDRA));
    }

    /** The settings of {@code kind}, whatever {@code RETRIEVER} says (the local runtime chooses by its own flag). */
    public static RetrieverSettings from(Environment env, Kind kind) {
        return new RetrieverSettings(kind,
                kind == Kind.KENDRA ? env.required("INDEX_ID") : env.string("INDEX_ID", ""),
                kind == Kind.KNOWLEDGE_BASE ? env.required("KNOWLEDGE_BASE_ID") : env.string("KNOWLEDGE_BASE_ID", ""),
                env.integer("PAGE_SIZE", 12, 1, 100),
                env.optional("KENDRA_LANGUAGE_CODE"),
                ScoreBuckets.parse("KB_CONFIDENCE_THRESHOLDS",
                        env.string("KB_CONFIDENCE_THRESHOLDS", "0.70,0.55,0.40,0.25")));
    }

    /** The retriever, over a client built from {@code clients} (only the chosen retriever's client is built). */
    public Retriever retriever(AwsClients clients) {
        return switch (kind) {
            case KENDRA -> new KendraRetriever(clients.kendra(), indexId, pageSize, kendraLanguageCode.orElse(null));
            case KNOWLEDGE_BASE -> new KnowledgeBaseRetriever(clients.bedrockAgentRuntime(), knowledgeBaseId, pageSize,
                    knowledgeBaseBuckets);
        };
    }
}
