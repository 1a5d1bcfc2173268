package dev.periscope.readiness.checklist;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and compiles rule files in order (the default pack first, then the operator's files by name). A rule that is
 * malformed, does not compile or repeats an id already loaded is rejected; the others load.
 */
public final class RuleLoader {
    private final RuleFileParser parser = new RuleFileParser();
    private final RuleCompiler compiler = new RuleCompiler();

    public RuleSet load(List<RuleSource> sources, List<RuleRejection> unreadable, Instant now) {
        List<CompiledRule> rules = new ArrayList<>();
        List<RuleRejection> rejected = new ArrayList<>(unreadable);
        Map<String, RuleOrigin> seen = new HashMap<>();
        for (RuleSource source : sources) {
            RuleFileParser.Parsed parsed = parser.parse(source.name(), new StringReader(source.text()));
            rejected.addAll(parsed.rejected());
            for (RuleDefinition definition : parsed.rules()) {
                RuleOrigin first = seen.get(definition.id());
                if (first != null) {
                    rejected.add(new RuleRejection(definition.id(), definition.origin(),
                            "duplicate id, first defined at " + first));
                    continue;
                }
                RuleCompiler.Result result = compiler.compile(definition);
                if (result instanceof RuleCompiler.Compiled compiled) {
                    seen.put(definition.id(), definition.origin());
                    rules.add(compiled.rule());
                } else if (result instanceof RuleCompiler.Rejected rejection) {
                    rejected.add(rejection.rejection());
                }
            }
        }
        return new RuleSet(List.copyOf(rules), List.copyOf(rejected), now);
    }
}
