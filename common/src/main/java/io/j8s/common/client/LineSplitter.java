package io.j8s.common.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cuts a byte stream into lines. Network chunks end anywhere, in the middle of a JSON object or
 * of a multi-byte character, so bytes are held until their newline arrives and decoded as whole
 * lines. Blank lines (keep-alives) are dropped.
 */
public final class LineSplitter {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The lines a chunk completes, in order. */
    public List<String> feed(byte[] chunk) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
                pending.write(chunk, start, i - start);
                addIfNotBlank(lines, pending.toString(StandardCharsets.UTF_8));
                pending.reset();
                start = i + 1;
            }
        }
        pending.write(chunk, start, chunk.length - start);
        return lines;
    }

    /** What is left when the stream ends without a final newline. */
    public Optional<String> finish() {
        List<String> last = new ArrayList<>();
        addIfNotBlank(last, pending.toString(StandardCharsets.UTF_8));
        pending.reset();
        return last.stream().findFirst();
    }

    /** The lines of a chunked stream; each subscription gets its own buffer. */
    public static Flux<String> lines(Flux<byte[]> chunks) {
        return Flux.defer(() -> {
            LineSplitter splitter = new LineSplitter();
            return chunks.concatMapIterable(splitter::feed)
                    .concatWith(Mono.fromSupplier(() -> splitter.finish().orElse(null)));
        });
    }

    private static void addIfNotBlank(List<String> lines, String line) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty()) {
            lines.add(trimmed);
        }
    }
}
