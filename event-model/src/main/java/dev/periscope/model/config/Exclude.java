package dev.periscope.model.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code policy.exclude}: traffic the gateway drops before anything is published, each with its own drop reason.
 * All lists are empty by default (nothing excluded).
 *
 * @param methods     {@code methods}: exact match, stored upper-cased
 * @param hosts       {@code hosts}: regexes matched (find) against the lower-cased host, case-insensitively
 * @param listeners   {@code listeners}: exact listener names
 * @param projects    {@code projects}: exact project ids
 * @param sourceCidrs {@code source_cidrs}: IPv4/IPv6 networks of the downstream address
 * @param userAgents  {@code user_agents}: regexes matched (find) against the user-agent, case-sensitively
 */
public record Exclude(Set<String> methods, List<Pattern> hosts, Set<String> listeners, Set<String> projects,
        List<CidrBlock> sourceCidrs, List<Pattern> userAgents) {

    public Exclude {
        methods = Set.copyOf(methods);
        hosts = List.copyOf(hosts);
        listeners = Set.copyOf(listeners);
        projects = Set.copyOf(projects);
        sourceCidrs = List.copyOf(sourceCidrs);
        userAgents = List.copyOf(userAgents);
    }

    public static Exclude none() {
        return new Exclude(Set.of(), List.of(), Set.of(), Set.of(), List.of(), List.of());
    }

    /** Whether no exclusion is configured at all (the filter can skip every check). */
    public boolean isEmpty() {
        return methods.isEmpty() && hosts.isEmpty() && listeners.isEmpty() && projects.isEmpty()
                && sourceCidrs.isEmpty() && userAgents.isEmpty();
    }
}
