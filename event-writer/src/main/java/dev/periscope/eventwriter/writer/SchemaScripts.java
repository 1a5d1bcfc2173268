package dev.periscope.eventwriter.writer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioned DDL under {@code db/clickhouse/}: {@code index.txt} names the files in the order they apply, each
 * file holds {@code ;}-separated idempotent statements with {@code ${name}} placeholders.
 */
public final class SchemaScripts {
    public static final String LOCATION = "db/clickhouse/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final Pattern FILE_NAME = Pattern.compile("V\\d{3}__[a-z0-9_]+\\.sql");

    private SchemaScripts() {
    }

    /** Every statement of every file in index order, placeholders substituted. */
    public static List<String> load(ClassLoader loader, Map<String, String> variables) {
        List<String> statements = new ArrayList<>();
        for (String file : fileNames(read(loader, LOCATION + "index.txt"))) {
            statements.addAll(statements(read(loader, LOCATION + file), variables));
        }
        return statements;
    }

    static List<String> fileNames(String index) {
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!FILE_NAME.matcher(name).matches()) {
                throw new IllegalStateException("schema index: not a versioned file name: " + name);
            }
            names.add(name);
        }
        return names;
    }

    /** Splits on {@code ;} after dropping {@code --} comment lines; an unknown placeholder is an error. */
    public static List<String> statements(String script, Map<String, String> variables) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : text.toString().split(";")) {
            String statement = part.strip();
            if (!statement.isEmpty()) {
                statements.add(substitute(statement, variables));
            }
        }
        return statements;
    }

    static String substitute(String statement, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(statement);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("schema placeholder without a value: " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
