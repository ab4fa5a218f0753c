package org.knowledgebot.local.model;

/** How close a text is to a question in meaning: a cosine similarity, higher is closer. */
@FunctionalInterface
public interface Relevance {
    double similarity(String question, String text);
}
