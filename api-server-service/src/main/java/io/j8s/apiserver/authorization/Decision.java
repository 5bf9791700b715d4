package io.j8s.apiserver.authorization;

/**
 * One authorizer's answer, as Kubernetes' authorizers answer: allow, deny, or no opinion (the next authorizer
 * decides; nobody allowing means forbidden), with a reason a user can read.
 */
public record Decision(Outcome outcome, String reason) {

    public enum Outcome { ALLOW, DENY, NO_OPINION }

    public static final Decision ALLOW = new Decision(Outcome.ALLOW, "");
    public static final Decision NO_OPINION = new Decision(Outcome.NO_OPINION, "");

    public Decision {
        reason = reason == null ? "" : reason;
    }

    public static Decision noOpinion(String reason) {
        return new Decision(Outcome.NO_OPINION, reason);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
