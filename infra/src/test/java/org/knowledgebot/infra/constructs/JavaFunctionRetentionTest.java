package org.knowledgebot.infra.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.services.logs.RetentionDays;

class JavaFunctionRetentionTest {

    @ParameterizedTest
    @CsvSource({"0, ONE_DAY", "1, ONE_DAY", "14, TWO_WEEKS", "15, ONE_MONTH", "45, TWO_MONTHS", "365, ONE_YEAR",
            "1100, FIVE_YEARS", "3653, TEN_YEARS", "4000, INFINITE"})
    void aStageRetentionIsRoundedUpToThePeriodCloudWatchAccepts(int days, RetentionDays expected) {
        // given
        int configured = days;

        // when
        RetentionDays retention = JavaFunction.retention(configured);

        // then
        assertThat(retention).isEqualTo(expected);
    }
}
