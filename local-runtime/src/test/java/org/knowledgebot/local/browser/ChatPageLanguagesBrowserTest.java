package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.local.LocalRuntime;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in the user's language: a browser set to Spanish gets the Spanish page, and the switcher
 * changes the language and remembers the choice; a question from the Spanish page reaches the model with the
 * instruction to answer in the question's language. Runs against the whole local runtime.
 */
@Tag("browser")
class ChatPageLanguagesBrowserTest {
    @RegisterExtension
    static final ChatPageInChromium page = ChatPageInChromium.with("--auth=none", "--model=offline").languages("es-MX,es,en");

    private final ChromeDriver driver = page.driver();
    private final WebDriverWait wait = page.waitFor();

    @BeforeEach
    void forgetTheChosenLanguage() {
        driver.get(page.runtime().baseUri() + "/");
        driver.executeScript("localStorage.clear()");
        page.openPage();
    }

    @Test
    void aBrowserSetToSpanishGetsTheSpanishPage() {
        // then
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("es");
        assertThat(driver.findElement(By.id("send")).getText()).isEqualTo("Enviar");
        assertThat(driver.findElement(By.id("stop")).getText()).isEqualTo("Detener");
        assertThat(driver.findElement(By.id("new-chat")).getText()).isEqualTo("+ Nueva conversación");
        assertThat(driver.findElement(By.id("message")).getDomAttribute("placeholder")).startsWith("Haga una pregunta");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Conectado");
        assertThat(new Select(driver.findElement(By.id("language"))).getFirstSelectedOption().getText()).isEqualTo("Español");
    }

    @Test
    void theSwitcherChangesTheLanguageAndTheChoiceIsRemembered() {
        // when
        new Select(driver.findElement(By.id("language"))).selectByValue("en");

        // then
        wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(driver.findElement(By.id("send")).getText()).isEqualTo("Send");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Connected");

        // when
        driver.navigate().refresh();
        page.openPage();

        // then
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.id("new-chat")).getText()).isEqualTo("+ New chat");

        // when
        new Select(driver.findElement(By.id("language"))).selectByValue("es");

        // then
        wait.until(d -> "es".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(driver.findElement(By.id("send")).getText()).isEqualTo("Enviar");
    }

    @Test
    void theOfflineModelSaysInSpanishThatItQuotesTheDocumentsInTheirLanguage() {
        // when
        WebElement answer = page.ask("When is the first half of the property tax due?");

        // then
        assertThat(answer.findElement(By.cssSelector(".message-body")).getText())
                .startsWith("Modelo de respuesta sin conexión — cito sus documentos en el idioma en que están escritos:")
                .contains("February 15");
        assertThat(answer.findElement(By.cssSelector(".sources-heading")).getDomProperty("textContent")).isEqualTo("Fuentes");
    }

    @Test
    void aSpanishQuestionReachesTheModelWithTheInstructionToAnswerInItsLanguage(@TempDir Path data) throws Exception {
        // given: an OpenAI-compatible stub that records what it is asked and answers in Spanish
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            WebFolder.reply(exchange, 200, "text/event-stream",
                    "data: {\"choices\":[{\"delta\":{\"content\":\"La primera mitad vence \"}}]}\n\n"
                    + "data: {\"choices\":[{\"delta\":{\"content\":\"el 15 de febrero.\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: [DONE]\n\n");
        });
        stub.start();
        try (LocalRuntime withModel = page.startRuntime(data, Map.of("LOCAL_MODEL", "openai",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1", "OPENAI_MODEL", "tiny"), "--auth=none")) {
            driver.get(withModel.baseUri() + "/");
            String question = "¿Cuándo vence la primera mitad del impuesto sobre la propiedad?";

            // when
            WebElement answer = page.ask(question);

            // then
            assertThat(answer.findElement(By.cssSelector(".message-body")).getText())
                    .isEqualTo("La primera mitad vence el 15 de febrero.");
            assertThat(requests).anySatisfy(request -> assertThat(request).contains(question,
                    "\\nLanguage: Answer in the language of the question. The user's page is in Spanish (es)."));
        } finally {
            stub.stop(0);
        }
    }
}
