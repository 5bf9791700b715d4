package io.j8s.proxy.forwarding;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/** The end of an endpoint connection's pipeline: hands what the pod sends to the exchange the connection serves. */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    /** The request this connection is serving; null while it waits in the pool. */
    Exchange exchange;

    /** The handler of an endpoint connection: the last of its pipeline. */
    static BackendHandler of(Channel channel) {
        return (BackendHandler) channel.pipeline().last();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (current != null && msg instanceof HttpObject object) {
            current.fromBackend(object);
        } else {
            // A pod talking on an idle connection: not a connection to reuse.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.backendWritable(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.backendFailed(new IOException("connection closed by the endpoint before the response ended"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange current = exchange;
        if (current != null) {
            current.backendFailed(cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            ctx.close(); // idle in the pool for too long
        }
    }
}
