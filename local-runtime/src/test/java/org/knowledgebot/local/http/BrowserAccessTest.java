package org.knowledgebot.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

class BrowserAccessTest {
    @Test
    void aLoopbackBindAnswersToItsLoopbackNamesOnItsPortOnly() {
        // when
        BrowserAccess access = BrowserAccess.forBind("localhost", 8080, new Environment(Map.of()));

        // then
        assertThat(access.allowsHost("localhost:8080")).isTrue();
        assertThat(access.allowsHost("127.0.0.1:8080")).isTrue();
        assertThat(access.allowsHost("[::1]:8080")).isTrue();
        assertThat(access.allowsHost("LOCALHOST:8080")).isTrue();
        assertThat(access.allowsHost("localhost:9000")).isFalse();
        assertThat(access.allowsHost("evil.example:8080")).isFalse();
        assertThat(access.allowsHost(null)).isFalse();
        assertThat(access.allowsOrigin("http://localhost:8080")).isTrue();
        assertThat(access.allowsOrigin("https://localhost:8080")).isFalse();
        assertThat(access.allowsOrigin("null")).isFalse();
    }

    @Test
    void listedOriginsAreAllowedWithTheirHostsForAPortForwardOrAProxy() {
        // when
        BrowserAccess access = BrowserAccess.forBind("127.0.0.1", 8080, new Environment(Map.of(
                BrowserAccess.SETTING, "http://localhost:9000, https://chat.example.com:443")));

        // then
        assertThat(access.allowsOrigin("http://localhost:9000")).isTrue();
        assertThat(access.allowsHost("localhost:9000")).isTrue();
        assertThat(access.allowsOrigin("https://chat.example.com")).isTrue();
        assertThat(access.allowsHost("chat.example.com")).isTrue();
        assertThat(access.allowsOrigin("http://chat.example.com")).isFalse();
    }

    @Test
    void somethingThatIsNotAnOriginStopsTheRuntimeWithTheSettingsName() {
        assertThatThrownBy(() -> BrowserAccess.forBind("localhost", 8080,
                new Environment(Map.of(BrowserAccess.SETTING, "localhost:9000"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("LOCAL_ALLOWED_ORIGINS").hasMessageContaining("http://localhost:9000");
        assertThatThrownBy(() -> BrowserAccess.forBind("localhost", 8080,
                new Environment(Map.of(BrowserAccess.SETTING, "http://localhost:9000/chat"))))
                .isInstanceOf(ConfigurationException.class);
    }
}
