package io.j8s.nodeagent.logs;

import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The kubelet's log endpoint, {@code GET /containerLogs/{namespace}/{pod}/{container}} with {@code follow},
 * {@code tailLines}, {@code previous}, {@code timestamps}, {@code sinceSeconds} and {@code limitBytes}: plain text,
 * each chunk flushed as it comes so a followed log streams. The API server proxies
 * {@code pods/{name}/log} here.
 */
@Configuration(proxyBeanMethods = false)
class ContainerLogsRoutes {

    @Bean
    RouterFunction<ServerResponse> containerLogs(ContainerLogSource source) {
        return RouterFunctions.route().GET("/containerLogs/{namespace}/{pod}/{container}",
            request -> serve(source, request)).build();
    }

    private static Mono<ServerResponse> serve(ContainerLogSource source, ServerRequest request) {
        LogRequest options;
        try {
            options = new LogRequest(flag(request, "follow"), number(request, "tailLines").map(Long::intValue).orElse(null),
                flag(request, "previous"), flag(request, "timestamps"), number(request, "sinceSeconds").orElse(null),
                number(request, "limitBytes").orElse(null));
        } catch (IllegalArgumentException e) {
            return text(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Flux<byte[]> chunks;
        try {
            chunks = source.logs(request.pathVariable("namespace"), request.pathVariable("pod"),
                request.pathVariable("container"), options);
        } catch (ContainerLogSource.NotFound e) {
            return text(HttpStatus.NOT_FOUND, e.getMessage());
        }
        if (options.limitBytes() != null) {
            chunks = limit(chunks, options.limitBytes());
        }
        Flux<byte[]> body = chunks;
        BodyInserter<Flux<byte[]>, ReactiveHttpOutputMessage> flushing = (message, context) ->
            message.writeAndFlushWith(body.map(bytes -> Mono.<DataBuffer>just(message.bufferFactory().wrap(bytes))));
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(flushing);
    }

    /** At most {@code limit} bytes, the last chunk cut. */
    static Flux<byte[]> limit(Flux<byte[]> chunks, long limit) {
        long[] sent = {0};
        return chunks.takeWhile(chunk -> sent[0] < limit).map(chunk -> {
            long room = limit - sent[0];
            sent[0] += chunk.length;
            if (chunk.length <= room) {
                return chunk;
            }
            byte[] cut = new byte[(int) room];
            System.arraycopy(chunk, 0, cut, 0, cut.length);
            return cut;
        });
    }

    private static boolean flag(ServerRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return false;
        }
        return switch (value.get()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not \"" + value.get() + "\"");
        };
    }

    private static Optional<Long> number(ServerRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed < 0) {
                throw new IllegalArgumentException(name + " must be a number >= 0, not " + parsed);
            }
            return Optional.of(parsed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not \"" + value.get() + "\"");
        }
    }

    private static Mono<ServerResponse> text(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message + "\n");
    }
}
