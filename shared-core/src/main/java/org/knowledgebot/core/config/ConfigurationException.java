package org.knowledgebot.core.config;

/** A missing or invalid configuration value; the message names the variable. Thrown at init. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
