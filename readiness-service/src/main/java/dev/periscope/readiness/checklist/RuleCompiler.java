package dev.periscope.readiness.checklist;

import java.util.EnumMap;
import java.util.Map;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;

/**
 * Compiles and type-checks rule expressions once, against the variables of the rule's scope (see
 * {@link RuleVariables}); the expression must yield a bool. A rule that does not compile is rejected with the file
 * line of the first error.
 */
public final class RuleCompiler {
    private static final CelType FACTS = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelType NUMBERS = MapType.create(SimpleType.STRING, SimpleType.DOUBLE);
    private static final CelType STRINGS = MapType.create(SimpleType.STRING, SimpleType.STRING);
    private static final CelType INSTANCES = ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN));

    private final Map<Scope, Cel> environments = new EnumMap<>(Scope.class);

    public RuleCompiler() {
        environments.put(Scope.INSTANCE, builder()
                .addVar(RuleVariables.SERVICE, SimpleType.STRING)
                .addVar(RuleVariables.INSTANCE, SimpleType.STRING)
                .addVar(RuleVariables.STATUS, SimpleType.STRING)
                .addVar(RuleVariables.AGE_SECONDS, SimpleType.DOUBLE)
                .addVar(RuleVariables.FACTS, FACTS)
                .addVar(RuleVariables.COUNTERS, NUMBERS)
                .addVar(RuleVariables.INCREASE, NUMBERS)
                .addVar(RuleVariables.BACKENDS, STRINGS)
                .build());
        environments.put(Scope.SERVICE, builder()
                .addVar(RuleVariables.SERVICE, SimpleType.STRING)
                .addVar(RuleVariables.INSTANCES, INSTANCES)
                .build());
        environments.put(Scope.FLEET, builder()
                .addVar(RuleVariables.INSTANCES, INSTANCES)
                .build());
    }

    private static CelBuilder builder() {
        return CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
    }

    /** The compiled rule, or the reason it was rejected. */
    public sealed interface Result permits Compiled, Rejected {
    }

    public record Compiled(CompiledRule rule) implements Result {
    }

    public record Rejected(RuleRejection rejection) implements Result {
    }

    public Result compile(RuleDefinition definition) {
        Cel cel = environments.get(definition.scope());
        CelValidationResult result = cel.compile(definition.expr(), definition.origin().file());
        if (result.hasError()) {
            CelIssue first = result.getErrors().get(0);
            int line = definition.exprLine() + Math.max(0, first.getSourceLocation().getLine() - 1);
            return new Rejected(new RuleRejection(definition.id(), new RuleOrigin(definition.origin().file(), line),
                    "expression does not compile: " + first.getMessage()));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Compiled(new CompiledRule(definition, cel.createProgram(ast)));
        } catch (CelValidationException | CelEvaluationException e) {
            return new Rejected(new RuleRejection(definition.id(), definition.origin(),
                    "expression does not compile: " + e.getMessage()));
        }
    }
}
