package io.j8s.proxy.forwarding;

import io.j8s.proxy.routing.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Kept-alive connections to endpoints for one event loop, which alone touches it: a request is forwarded on a
 * connection of the loop that read it, so both sides of an exchange are served by one thread without hand-overs
 * (and without locks here). The most recently used idle connection is reused first; at most
 * {@code maxPerEndpoint} connections per endpoint are open, further requests wait for one to be released.
 */
final class BackendPool {

    /** Who waits for a connection. */
    interface Waiter {
        void connected(Channel channel);

        void failed(Throwable cause);
    }

    private static final class Slot {
        final InetSocketAddress address;
        final ArrayDeque<Channel> idle = new ArrayDeque<>();
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        int open;

        Slot(Endpoint endpoint) {
            this.address = new InetSocketAddress(endpoint.ip(), endpoint.port());
        }
    }

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final int maxPerEndpoint;
    private final Map<Endpoint, Slot> slots = new HashMap<>();

    BackendPool(EventLoop loop, Bootstrap bootstrap, int maxPerEndpoint) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone(loop);
        this.maxPerEndpoint = maxPerEndpoint;
    }

    EventLoop loop() {
        return loop;
    }

    /** Hands {@code waiter} an open connection to {@code endpoint}: an idle one, a new one, or the next released. */
    void acquire(Endpoint endpoint, Waiter waiter) {
        Slot slot = slots.computeIfAbsent(endpoint, Slot::new);
        Channel channel;
        while ((channel = slot.idle.pollLast()) != null) {
            if (channel.isActive()) {
                waiter.connected(channel);
                return;
            }
        }
        if (slot.open >= maxPerEndpoint) {
            slot.waiting.add(waiter);
            return;
        }
        connect(endpoint, slot, waiter);
    }

    private void connect(Endpoint endpoint, Slot slot, Waiter waiter) {
        slot.open++;
        bootstrap.connect(slot.address).addListener((ChannelFuture future) -> {
            if (future.isSuccess()) {
                Channel channel = future.channel();
                channel.closeFuture().addListener(closed -> closed(endpoint, slot, channel));
                waiter.connected(channel);
            } else {
                slot.open--;
                waiter.failed(future.cause());
                serveWaiting(endpoint, slot);
            }
        });
    }

    /** A connection whose exchange is over and that may serve another request. */
    void release(Endpoint endpoint, Channel channel) {
        Slot slot = slots.get(endpoint);
        if (slot == null || !channel.isActive()) {
            channel.close();
            return;
        }
        Waiter next = slot.waiting.poll();
        if (next != null) {
            next.connected(channel);
        } else {
            slot.idle.addLast(channel);
        }
    }

    private void closed(Endpoint endpoint, Slot slot, Channel channel) {
        slot.open--;
        slot.idle.remove(channel);
        serveWaiting(endpoint, slot);
    }

    private void serveWaiting(Endpoint endpoint, Slot slot) {
        if (!slot.waiting.isEmpty() && slot.open < maxPerEndpoint) {
            connect(endpoint, slot, slot.waiting.poll());
        }
    }

    /** Closes the idle connections of endpoints no longer routed to; busy ones close when released. */
    void retainOnly(Set<Endpoint> routed) {
        for (Iterator<Map.Entry<Endpoint, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Endpoint, Slot> entry = it.next();
            if (!routed.contains(entry.getKey()) && entry.getValue().waiting.isEmpty()) {
                it.remove();
                entry.getValue().idle.forEach(Channel::close);
            }
        }
    }
}
