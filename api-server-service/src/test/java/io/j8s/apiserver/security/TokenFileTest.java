package io.j8s.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenFileTest {

    @Test
    void readsTokenUserUidAndQuotedGroupsAsKubeApiserverDoes() {
        Map<String, UserInfo> tokens = TokenFile.parse("""
            t1,admin,admin-uid,"system:masters"
            t2,jane,jane-uid,"dev,ops"
            t3,bob,bob-uid
            """, "tokens.csv");

        assertThat(tokens).hasSize(3);
        assertThat(tokens.get("t1")).isEqualTo(new UserInfo("admin", "admin-uid",
            List.of("system:masters", "system:authenticated")));
        assertThat(tokens.get("t2").groups()).containsExactly("dev", "ops", "system:authenticated");
        assertThat(tokens.get("t3").groups()).containsExactly("system:authenticated");
    }

    @Test
    void skipsEmptyLinesAndEmptyTokensAndLetsALaterRecordWin() {
        Map<String, UserInfo> tokens = TokenFile.parse("""

            ,nobody,0
            t1,first,1
            t1,second,2
            """, "tokens.csv");

        assertThat(tokens).containsOnlyKeys("t1");
        assertThat(tokens.get("t1").name()).isEqualTo("second");
    }

    @Test
    void keepsWhatIsInsideQuotesAndSpacesAsTheyAre() {
        Map<String, UserInfo> tokens = TokenFile.parse("\"t,1\",\"user \"\"x\"\"\",uid,\"a, b\"\n", "f");

        UserInfo user = tokens.get("t,1");
        assertThat(user.name()).isEqualTo("user \"x\"");
        assertThat(user.groups()).containsExactly("a", " b", "system:authenticated");
    }

    @Test
    void aRecordWithFewerThanThreeColumnsMakesTheFileInvalid() {
        assertThatThrownBy(() -> TokenFile.parse("t1,admin,uid\nt2,jane\n", "tokens.csv"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("token file 'tokens.csv' must have at least 3 columns (token, user name, user uid), found 2");
    }

    @Test
    void malformedQuotingIsReported() {
        assertThatThrownBy(() -> TokenFile.parse("\"t1,admin,uid\n", "tokens.csv"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("tokens.csv");
    }

    @Test
    void bearerTokensAreReadFromTheAuthorizationHeaderAsKubernetesReadsThem() {
        assertThat(RequestAuthentication.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(RequestAuthentication.bearerToken("  bearer abc  ")).isEqualTo("abc");
        assertThat(RequestAuthentication.bearerToken("Basic YWxhZGRpbjpvcGVu")).isNull();
        assertThat(RequestAuthentication.bearerToken("Bearer")).isNull();
        assertThat(RequestAuthentication.bearerToken("Bearer  abc")).isNull();
        assertThat(RequestAuthentication.bearerToken(null)).isNull();
    }
}
