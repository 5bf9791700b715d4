package io.j8s.common.api.meta;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes timestamps as they travel: metav1.Time is RFC 3339 to the second
 * ({@code 2024-05-01T12:00:00Z}), metav1.MicroTime to the microsecond (Lease, Event.eventTime).
 */
public final class Times {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant instant) {
        return SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String formatMicro(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public static String now() {
        return format(Instant.now());
    }

    public static String nowMicro() {
        return formatMicro(Instant.now());
    }

    /** Parses either form (and any RFC 3339 offset); null for null. */
    public static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(time, Instant::from);
    }
}
