package io.j8s.common.api.coordination;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** acquireTime and renewTime are MicroTime strings ({@code Times.formatMicro}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeaseSpec(
        String holderIdentity,
        Integer leaseDurationSeconds,
        String acquireTime,
        String renewTime,
        Integer leaseTransitions,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public LeaseSpec {
        extra = Extra.copyOf(extra);
    }

    public static LeaseSpec of(String holderIdentity, int leaseDurationSeconds, String acquireTime, String renewTime) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, null, null);
    }

    public LeaseSpec withHolderIdentity(String value) {
        return new LeaseSpec(value, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions, extra);
    }

    public LeaseSpec withLeaseDurationSeconds(Integer value) {
        return new LeaseSpec(holderIdentity, value, acquireTime, renewTime, leaseTransitions, extra);
    }

    public LeaseSpec withAcquireTime(String value) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, value, renewTime, leaseTransitions, extra);
    }

    public LeaseSpec withRenewTime(String value) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, value, leaseTransitions, extra);
    }

    public LeaseSpec withLeaseTransitions(Integer value) {
        return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, value, extra);
    }
}
