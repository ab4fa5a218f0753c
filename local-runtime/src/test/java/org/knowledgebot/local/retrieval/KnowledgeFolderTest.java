package org.knowledgebot.local.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.local.text.Statement;
import org.knowledgebot.local.text.Statements;

class KnowledgeFolderTest {
    private static final Path ROOT = Path.of("/knowledge");

    @Test
    void anHtmlTableRowIsOneStatementNamingItsColumnsAndTheHeaderRowIsNone() {
        // given
        String html = "<html><head><title>Shelters</title></head><body><h2>Picnic shelters</h2><table>"
                + "<tr><th>Shelter</th><th>Capacity</th><th>Resident <em>half day</em></th></tr>"
                + "<tr><td>Cedar Creek Shelter</td><td>60</td><td>$60</td></tr>"
                + "<tr><td>Northside | Gazebo</td><td>25</td><td>$40</td></tr></table><p>Book online.</p></body></html>";

        // when
        KnowledgeDocument document = new KnowledgeFolder(ROOT, null).parse(ROOT.resolve("parks.html"), html);

        // then
        List<String> statements = document.passages().stream().flatMap(p -> Statements.of(p).stream()).map(Statement::text).toList();
        assertThat(statements).containsExactly("Cedar Creek Shelter: Capacity 60, Resident half day $60.",
                "Northside / Gazebo: Capacity 25, Resident half day $40.",
                "Book online.");
    }
}
