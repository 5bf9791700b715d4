package io.j8s.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class LineSplitterTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLineSplitAcrossChunksIsEmittedOnceComplete() {
        LineSplitter splitter = new LineSplitter();

        assertThat(splitter.feed(utf8("{\"type\":\"ADD"))).isEmpty();
        assertThat(splitter.feed(utf8("ED\"}\n{\"type\""))).containsExactly("{\"type\":\"ADDED\"}");
        assertThat(splitter.feed(utf8(":\"DELETED\"}\n"))).containsExactly("{\"type\":\"DELETED\"}");
        assertThat(splitter.finish()).isEmpty();
    }

    @Test
    void severalLinesInOneChunkAndBlankKeepAlivesAreSkipped() {
        LineSplitter splitter = new LineSplitter();

        assertThat(splitter.feed(utf8("a\n\nb\r\n \nc\n"))).containsExactly("a", "b", "c");
    }

    @Test
    void aMultiByteCharacterSplitBetweenChunksSurvives() {
        byte[] line = utf8("{\"message\":\"größe ✓\"}\n");
        LineSplitter splitter = new LineSplitter();
        List<String> lines = new ArrayList<>();

        // One byte at a time cuts every multi-byte character in half.
        for (byte b : line) {
            lines.addAll(splitter.feed(new byte[] {b}));
        }

        assertThat(lines).containsExactly("{\"message\":\"größe ✓\"}");
    }

    @Test
    void aFinalLineWithoutNewlineIsKeptWhenTheStreamEnds() {
        List<String> lines = LineSplitter.lines(Flux.just(utf8("one\ntw"), utf8("o"))).collectList().block();

        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void everyChunkingOfAStreamGivesTheSameLines() {
        byte[] stream = utf8("{\"a\":1}\n{\"b\":\"ü\"}\n\n{\"c\":3}\n");
        for (int size = 1; size <= stream.length; size++) {
            List<byte[]> chunks = new ArrayList<>();
            for (int i = 0; i < stream.length; i += size) {
                chunks.add(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + size)));
            }

            List<String> lines = LineSplitter.lines(Flux.fromIterable(chunks)).collectList().block();

            assertThat(lines).as("chunk size %d", size).containsExactly("{\"a\":1}", "{\"b\":\"ü\"}", "{\"c\":3}");
        }
    }
}
