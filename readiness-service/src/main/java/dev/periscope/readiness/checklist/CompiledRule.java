package dev.periscope.readiness.checklist;

import java.util.Map;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/** A type-checked rule ready to evaluate many times. */
public final class CompiledRule {
    private final RuleDefinition definition;
    private final CelRuntime.Program program;

    CompiledRule(RuleDefinition definition, CelRuntime.Program program) {
        this.definition = definition;
        this.program = program;
    }

    public RuleDefinition definition() {
        return definition;
    }

    /** One evaluation: true holds, false is a violation, anything else (missing fact, type clash) is unknown. */
    public sealed interface Outcome permits Holds, Violated, Undecided {
    }

    public record Holds() implements Outcome {
    }

    public record Violated() implements Outcome {
    }

    public record Undecided(String reason) implements Outcome {
    }

    /** "not reported: grpc.tls.enabled" for a missing map key; otherwise CEL's message without its position. */
    static String reason(CelEvaluationException e) {
        String message = String.valueOf(e.getMessage());
        String detail = message.startsWith("evaluation error") && message.contains(": ")
                ? message.substring(message.lastIndexOf(": ") + 2)
                : message;
        return e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND ? "not reported: " + detail
                : "cannot evaluate: " + detail;
    }

    public Outcome evaluate(Map<String, ?> variables) {
        try {
            Object result = program.eval(variables);
            if (result instanceof Boolean holds) {
                return holds ? new Holds() : new Violated();
            }
            return new Undecided("expression yielded " + result + ", not a bool");
        } catch (CelEvaluationException e) {
            return new Undecided(reason(e));
        } catch (RuntimeException e) {
            return new Undecided("evaluation failed: " + e);
        }
    }
}
