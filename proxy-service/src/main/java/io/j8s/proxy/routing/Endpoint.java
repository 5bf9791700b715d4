package io.j8s.proxy.routing;

/** One backend of a service port: a ready pod's address and the port its Endpoints publish for that service port. */
public record Endpoint(String ip, int port) {

    /** {@code 10.0.0.5:8080}, or {@code [fd00::5]:8080}: what a URI and a message show. */
    public String address() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }
}
