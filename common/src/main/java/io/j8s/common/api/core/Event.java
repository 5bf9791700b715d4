package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** core/v1 Event. type is Normal or Warning; eventTime is a MicroTime. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ObjectReference involvedObject,
        String reason,
        String message,
        String type,
        Integer count,
        String firstTimestamp,
        String lastTimestamp,
        String eventTime,
        EventSource source,
        String reportingComponent,
        String reportingInstance,
        String action,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Event> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Event";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    public Event {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    /** A first occurrence (count 1), as a controller records it. */
    public static Event of(ObjectMeta metadata, ObjectReference involvedObject, String type, String reason,
            String message, String component, String now) {
        return new Event(null, null, metadata, involvedObject, reason, message, type, 1, now, now, null,
                new EventSource(component, null, null), component, null, null, null);
    }

    public Event withMetadata(ObjectMeta value) {
        return new Event(apiVersion, kind, value, involvedObject, reason, message, type, count, firstTimestamp, lastTimestamp, eventTime, source, reportingComponent, reportingInstance, action, extra);
    }

    public Event withMessage(String value) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, value, type, count, firstTimestamp, lastTimestamp, eventTime, source, reportingComponent, reportingInstance, action, extra);
    }

    public Event withCount(Integer value) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, type, value, firstTimestamp, lastTimestamp, eventTime, source, reportingComponent, reportingInstance, action, extra);
    }

    public Event withLastTimestamp(String value) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, type, count, firstTimestamp, value, eventTime, source, reportingComponent, reportingInstance, action, extra);
    }
}
