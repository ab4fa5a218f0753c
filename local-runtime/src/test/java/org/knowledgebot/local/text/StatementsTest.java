package org.knowledgebot.local.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {
    @Test
    void clockTimesAndAbbreviationsDoNotEndASentence() {
        assertThat(Sentences.split("Polls are open from **7:00 a.m. to 8:00 p.m.** There are 24 polling places. "
                + "You must be a U.S. citizen, e.g. born here. Ask Dr. Lee at 9:00 a.m. Monday to Friday. Then go home!"))
                .containsExactly("Polls are open from **7:00 a.m. to 8:00 p.m.**", "There are 24 polling places.",
                        "You must be a U.S. citizen, e.g. born here.", "Ask Dr. Lee at 9:00 a.m. Monday to Friday.",
                        "Then go home!");
    }

    @Test
    void aSentenceEndingInsideBoldIsKeptWithTheRestOfTheBoldText() {
        assertThat(Sentences.split("**Sirens are tested. Every month.** They are loud."))
                .containsExactly("**Sirens are tested. Every month.**", "They are loud.");
    }

    @Test
    void hardWrappedProseIsJoinedAndEveryStatementEndsInPunctuation() {
        List<Statement> statements = Statements.of("""
                ## Due dates
                - Bills are mailed by **January 20** each year.
                - The **first half** is due on
                  **February 15**;

                When a due date falls on a weekend, the payment is on time if it is
                received on the next business day""");

        assertThat(statements).extracting(Statement::text).containsExactly(
                "Bills are mailed by **January 20** each year.",
                "The **first half** is due on **February 15**.",
                "When a due date falls on a weekend, the payment is on time if it is received on the next business day.");
        assertThat(statements).extracting(Statement::context).containsOnly("Due dates");
    }

    @Test
    void listItemsAfterALeadInAreReadWithIt() {
        List<Statement> statements = Statements.of("""
                Most work needs a permit. You need a permit to:
                - build a **deck** higher than **30 inches**;
                - Replace a roof.

                - Apply online.""");

        assertThat(statements).extracting(Statement::text).containsExactly(
                "Most work needs a permit.",
                "You need a permit to build a **deck** higher than **30 inches**.",
                "You need a permit to: Replace a roof.",
                "Apply online.");
    }

    @Test
    void tableRowsNameTheirColumnsAndTheHeaderRowIsNoStatement() {
        List<Statement> statements = Statements.of("""
                | Zone | Garbage day | Recycling week |
                |---|---|---|
                | North Zone | Monday | odd-numbered weeks |""");

        assertThat(statements).extracting(Statement::text)
                .containsExactly("North Zone: Garbage day Monday, Recycling week odd-numbered weeks.");
    }

    @Test
    void unbalancedEmphasisIsDroppedRatherThanLeftOpen() {
        assertThat(Statements.of("The fee is **$35 for each pickup.")).extracting(Statement::text)
                .containsExactly("The fee is $35 for each pickup.");
    }

    @Test
    void aListItemWithoutALeadInIsQuotedAfterItsHeadingAndASentenceAsItIs() {
        List<Statement> statements = Statements.of("""
                ## Dial-a-Ride transportation

                Dial-a-Ride is a door-to-door van service.
                - Book at least **48 hours ahead** by calling (555) 240-9100.""");

        assertThat(statements).extracting(Statement::quoted).containsExactly(
                "Dial-a-Ride is a door-to-door van service.",
                "Dial-a-Ride transportation: Book at least **48 hours ahead** by calling (555) 240-9100.");
    }

    @Test
    void theMatchTextCarriesTheTitleAndTheHeading() {
        assertThat(new Statement("Monday.", "Collection days").matchText("Waste")).isEqualTo("Waste. Collection days: Monday.");
        assertThat(new Statement("Monday.", "").matchText("")).isEqualTo("Monday.");
    }
}
