package io.j8s.proxy.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void endToEndHeadersCrossHopByHopOnesDoNot() {
        HttpHeaders request = new DefaultHttpHeaders()
            .add("Host", "web.shop").add("Accept", "text/html").add("Cookie", "a=1").add("Cookie", "b=2")
            .add("Connection", "keep-alive, X-Private").add("X-Private", "secret").add("Keep-Alive", "timeout=5")
            .add("TE", "trailers").add("Upgrade", "h2c").add("Proxy-Authorization", "Basic x")
            .add("Expect", "100-continue").add("Content-Length", "12");
        Headers.toEndpoint(request, "10.0.0.7");
        HttpHeaders out = request;
        assertThat(out.get("Host")).isEqualTo("web.shop");
        assertThat(out.getAll("Cookie")).containsExactly("a=1", "b=2");
        assertThat(out.get("Content-Length")).isEqualTo("12");
        assertThat(out.names()).map(String::toLowerCase).doesNotContain("connection", "x-private", "keep-alive", "te",
            "upgrade", "proxy-authorization", "expect");
        assertThat(out.get("X-Forwarded-For")).isEqualTo("10.0.0.7");
        assertThat(out.get("X-Forwarded-Host")).isEqualTo("web.shop");
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void aForwardedChainIsExtendedAndWhatAProxyInFrontSetIsKept() {
        HttpHeaders request = new DefaultHttpHeaders().add("Host", "web.shop")
            .add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-Host", "shop.example.com").add("X-Forwarded-Proto", "https");
        Headers.toEndpoint(request, "10.0.0.7");
        HttpHeaders out = request;
        assertThat(out.get("X-Forwarded-For")).isEqualTo("203.0.113.7, 10.0.0.7");
        assertThat(out.get("X-Forwarded-Host")).isEqualTo("shop.example.com");
        assertThat(out.get("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void aChunkedBodyStaysChunked() {
        HttpHeaders chunked = new DefaultHttpHeaders().add("Transfer-Encoding", "chunked");
        assertThat(Headers.hasBody(chunked)).isTrue();
        Headers.toEndpoint(chunked, "10.0.0.7");
        assertThat(chunked.get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(Headers.hasBody(new DefaultHttpHeaders().add("Content-Length", "0"))).isFalse();
        assertThat(Headers.hasBody(new DefaultHttpHeaders().add("Content-Length", "3"))).isTrue();
        assertThat(Headers.hasBody(new DefaultHttpHeaders())).isFalse();
    }

    @Test
    void responseHeadersLoseOnlyHopByHopOnes() {
        HttpHeaders response = new DefaultHttpHeaders().add("Content-Type", "text/plain").add("Set-Cookie", "s=1")
            .add("Connection", "close").add("Transfer-Encoding", "chunked");
        Headers.toClient(response);
        assertThat(response.names()).map(String::toLowerCase).containsExactlyInAnyOrder("content-type", "set-cookie");
    }
}
