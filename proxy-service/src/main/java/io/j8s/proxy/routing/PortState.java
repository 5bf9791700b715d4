package io.j8s.proxy.routing;

import io.j8s.proxy.metrics.RouteMetrics;

/** What a service port keeps while its endpoints come and go: where the rotation stands, and its meters. */
public record PortState(Balancer balancer, RouteMetrics metrics) {
}
