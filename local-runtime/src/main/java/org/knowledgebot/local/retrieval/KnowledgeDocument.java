package org.knowledgebot.local.retrieval;

import java.util.List;

/** One file of the knowledge folder, read and cut into passages of about {@link PassageSplitter#TARGET_WORDS} words. */
record KnowledgeDocument(String relativePath, String title, String uri, List<String> passages) {
}
