package io.j8s.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    private static ApiException from(int code, String body) {
        return ApiException.fromResponse(code, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStatusBodyIsKeptWhole() {
        ApiException e = from(404, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}
                """);

        assertThat(e.isNotFound()).isTrue();
        assertThat(e.code()).isEqualTo(404);
        assertThat(e.status().details().name()).isEqualTo("x");
        assertThat(e.getMessage()).isEqualTo("NotFound (404): pods \"x\" not found");
    }

    @Test
    void conflictAndAlreadyExistsShareACodeButNotAReason() {
        ApiException conflict = from(409, "{\"kind\":\"Status\",\"reason\":\"Conflict\",\"code\":409}");
        ApiException exists = from(409, "{\"kind\":\"Status\",\"reason\":\"AlreadyExists\",\"code\":409}");

        assertThat(conflict.isConflict()).isTrue();
        assertThat(conflict.isAlreadyExists()).isFalse();
        assertThat(exists.isAlreadyExists()).isTrue();
        assertThat(exists.isConflict()).isFalse();
    }

    @Test
    void aNonStatusBodyBecomesAStatusFromTheHttpCode() {
        ApiException e = from(410, "<html>gone</html>");

        assertThat(e.isExpired()).isTrue();
        assertThat(e.reason()).isEqualTo("Expired");
        assertThat(e.status().message()).isEqualTo("<html>gone</html>");
    }

    @Test
    void aStatusWithoutCodeTakesTheHttpCode() {
        assertThat(from(422, "{\"kind\":\"Status\",\"reason\":\"Invalid\"}").code()).isEqualTo(422);
    }

    @Test
    void anEmptyBodyStillSaysWhatHappened() {
        ApiException e = ApiException.fromResponse(503, new byte[0]);

        assertThat(e.reason()).isEqualTo("ServiceUnavailable");
        assertThat(e.getMessage()).contains("HTTP 503");
    }
}
