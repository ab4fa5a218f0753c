package org.knowledgebot.infra.config;

/** A stage configuration that cannot be deployed; the message names the key and what is expected. */
public class StageConfigException extends RuntimeException {
    public StageConfigException(String message) {
        super(message);
    }
}
