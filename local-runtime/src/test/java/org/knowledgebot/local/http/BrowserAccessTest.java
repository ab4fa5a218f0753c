package org.knowledgebot.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

class BrowserAccessTest {
    private static final BrowserAccess LOOPBACK = BrowserAccess.forBind("localhost", 8080, new Environment(Map.of()));
    private static final BrowserAccess WITH_LISTED_ORIGINS = BrowserAccess.forBind("127.0.0.1", 8080, new Environment(
            Map.of(BrowserAccess.SETTING, "http://localhost:9000, https://chat.example.com:443")));

    @ParameterizedTest(name = "Host {0} allowed: {1}")
    @CsvSource({"localhost:8080, true", "127.0.0.1:8080, true", "'[::1]:8080', true", "LOCALHOST:8080, true",
            "localhost:9000, false", "evil.example:8080, false"})
    void aLoopbackBindAnswersToItsLoopbackNamesOnItsPortOnly(String host, boolean allowed) {
        assertThat(LOOPBACK.allowsHost(host)).isEqualTo(allowed);
        assertThat(LOOPBACK.allowsHost(null)).isFalse();
    }

    @ParameterizedTest(name = "Origin {0} allowed: {1}")
    @CsvSource({"http://localhost:8080, true", "https://localhost:8080, false", "null, false"})
    void aLoopbackBindAcceptsItsOwnOriginOnly(String origin, boolean allowed) {
        assertThat(LOOPBACK.allowsOrigin(origin)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "Origin {0} allowed: {1}, its host {2}")
    @CsvSource({"http://localhost:9000, true, localhost:9000", "https://chat.example.com, true, chat.example.com",
            "http://chat.example.com, false, "})
    void listedOriginsAreAllowedWithTheirHostsForAPortForwardOrAProxy(String origin, boolean allowed, String host) {
        assertThat(WITH_LISTED_ORIGINS.allowsOrigin(origin)).isEqualTo(allowed);
        if (host != null) {
            assertThat(WITH_LISTED_ORIGINS.allowsHost(host)).isTrue();
        }
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
