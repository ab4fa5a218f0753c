package org.knowledgebot.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerTest {
    @Test
    void readsTheGroupsClaimAsTheHttpApiPassesIt() {
        Caller caller = Caller.fromClaims(Map.of("sub", "u1", "cognito:username", "ann", "cognito:groups", "[editors admins]"));
        assertThat(caller.groups()).containsExactly("editors", "admins");
        assertThat(caller.isOperator()).isTrue();
        assertThat(caller.username()).isEqualTo("ann");
    }

    @Test
    void readsCommaSeparatedAndJsonArrayGroups() {
        assertThat(Caller.parseGroups("admins,editors")).containsExactly("admins", "editors");
        assertThat(Caller.parseGroups("[\"admins\",\"x\"]")).containsExactly("admins", "x");
        assertThat(Caller.parseGroups("")).isEmpty();
    }

    @Test
    void aGroupMerelyContainingTheNameIsNoOperator() {
        assertThat(Caller.fromClaims(Map.of("sub", "u1", "cognito:groups", "[not-admins admins2]")).isOperator()).isFalse();
        assertThat(Caller.fromClaims(Map.of("sub", "u1")).isOperator()).isFalse();
    }

    @Test
    void claimsWithoutASubjectAreNoCaller() {
        assertThat(Caller.fromClaims(Map.of("cognito:groups", "[admins]"))).isNull();
        assertThat(Caller.fromClaims(null)).isNull();
    }
}
