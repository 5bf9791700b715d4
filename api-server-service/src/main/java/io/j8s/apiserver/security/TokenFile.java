package io.j8s.apiserver.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's static token file ({@code --token-auth-file}): one CSV record per token,
 * {@code token,user,uid,"group1,group2"}, the groups optional. Read as kube-apiserver reads it: records with fewer
 * than three columns make the whole file invalid, records with an empty token are skipped, a repeated token takes
 * the later record, and groups are split on commas as they are (empty group names, which kube-apiserver would keep
 * as the group "", are left out).
 */
public final class TokenFile {

    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private TokenFile() {
    }

    /** Token to user, from the file at {@code path}. */
    public static Map<String, UserInfo> read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(reader, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Token to user, from CSV text; {@code source} names it in messages. */
    public static Map<String, UserInfo> parse(String csv, String source) {
        try {
            return parse(new StringReader(csv), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, UserInfo> parse(Reader reader, String source) throws IOException {
        Map<String, UserInfo> tokens = new LinkedHashMap<>();
        List<CSVRecord> records;
        try {
            records = FORMAT.parse(reader).getRecords();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("token file '" + source + "' is not valid CSV: " + e.getMessage(), e);
        }
        for (CSVRecord record : records) {
            if (record.size() < 3) {
                throw new IllegalArgumentException("token file '" + source
                    + "' must have at least 3 columns (token, user name, user uid), found " + record.size());
            }
            String token = record.get(0);
            if (token.isEmpty()) {
                log.warn("empty token has been found in token file '{}', record number '{}'", source,
                    record.getRecordNumber());
                continue;
            }
            if (tokens.containsKey(token)) {
                log.warn("duplicate token has been found in token file '{}', record number '{}'", source,
                    record.getRecordNumber());
            }
            List<String> groups = record.size() >= 4 ? Arrays.stream(record.get(3).split(","))
                .filter(group -> !group.isEmpty()).toList() : List.of();
            tokens.put(token, UserInfo.authenticated(record.get(1), record.get(2), groups));
        }
        return tokens;
    }
}
