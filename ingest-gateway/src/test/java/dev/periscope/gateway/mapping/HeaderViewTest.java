package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.gateway.als.slim.HeaderEntry;

class HeaderViewTest {

    /** Header entries in the map's order, as they arrive on the wire. */
    static List<HeaderEntry> entries(Map<String, String> headers) {
        List<HeaderEntry> entries = new ArrayList<>();
        headers.forEach((name, value) -> entries.add(HeaderEntry.newBuilder().setKey(name).setValue(value).build()));
        return entries;
    }

    /** name=value pairs separated by '|', in wire order (duplicates allowed). */
    private static List<HeaderEntry> wire(String pairs) {
        List<HeaderEntry> entries = new ArrayList<>();
        if (!pairs.isEmpty()) {
            for (String pair : pairs.split("\\|")) {
                int eq = pair.indexOf('=');
                entries.add(HeaderEntry.newBuilder().setKey(pair.substring(0, eq)).setValue(pair.substring(eq + 1))
                        .build());
            }
        }
        return entries;
    }

    @ParameterizedTest(name = "{0}: {1} -> ''{2}''")
    @CsvSource(delimiter = ';', value = {
        "'';                                                        content-type;  ''",
        "content-type=a;                                            content-type;  a",
        "Content-Type=a;                                            content-type;  a",
        "CONTENT-TYPE=a;                                            content-type;  a",
        "Content-Type=mixed|content-type=lower;                     content-type;  lower",
        "content-type=lower|Content-Type=mixed;                     content-type;  lower",
        "Content-Type=first|CONTENT-TYPE=second;                    content-type;  first",
        "Content-Type=one|CONTENT-TYPE=two|Content-Type=three;      content-type;  three",
        "content-type=one|content-type=two;                         content-type;  two",
        "x-custom=c|content-type=a;                                 x-custom;      c",
        "X-Custom=c;                                                x-custom;      c",
        "X-Custom=mixed|x-custom=lower;                             x-custom;      lower",
        "X-Custom=first|X-CUSTOM=second;                            x-custom;      first",
        "x-custom=one|x-custom=two;                                 x-custom;      two",
        "x-api-\u212Aey=kelvin;                                     x-api-key;     kelvin",
        "content-typ=a|content-type-x=b;                            content-type;  ''",
        "grpc-status=0|grpc-message=ok|server=envoy;                grpc-message;  ok",
        "ACCESS-CONTROL-ALLOW-CREDENTIALS=true;                     access-control-allow-credentials; true",
    })
    void whichValueANameGets(String pairs, String name, String expected) {
        assertThat(HeaderView.of(wire(pairs)).apply(name)).isEqualTo(expected);
    }

    @Test
    void otherSpellingsCountOnlyAmongTheFirstEntriesLowerCaseNamesAnywhere() {
        List<HeaderEntry> headers = new ArrayList<>();
        for (int i = 0; i < HeaderView.MAX_EXAMINED; i++) {
            headers.add(HeaderEntry.newBuilder().setKey("X-Filler-" + i).setValue("v").build());
        }
        headers.addAll(wire("User-Agent=late-mixed|X-Custom=late-mixed|x-request-id=late-lower|x-other=late-lower"));

        HeaderView view = HeaderView.of(headers);

        assertThat(view.apply("user-agent")).isEmpty();
        assertThat(view.apply("x-custom")).isEmpty();
        assertThat(view.apply("x-request-id")).isEqualTo("late-lower");
        assertThat(view.apply("x-other")).isEqualTo("late-lower");
        assertThat(view.apply("x-filler-3")).isEqualTo("v");
    }

    /** The pre-one-pass semantics, on the map protobuf built: exact look-up, else a lower-cased index. */
    private static String mapLookup(Map<String, String> map, String name) {
        String value = map.get(name);
        if (value != null) {
            return value;
        }
        Map<String, String> lowerCased = new HashMap<>();
        for (String key : map.keySet()) {
            if (!key.equals(key.toLowerCase(Locale.ROOT)) || !key.chars().allMatch(c -> c < 0x80)) {
                lowerCased.putIfAbsent(key.toLowerCase(Locale.ROOT), map.get(key));
            }
        }
        return lowerCased.getOrDefault(name, "");
    }

    @Test
    void answersAsTheMapLookupDidForRandomMixedCaseMaps() {
        Random random = new Random(42);
        List<String> asked = new ArrayList<>(HeaderView.NAMES);
        asked.addAll(List.of("x-custom", "referer", "x-tenant"));
        for (int round = 0; round < 2_000; round++) {
            List<HeaderEntry> headers = new ArrayList<>();
            Map<String, String> map = new LinkedHashMap<>(); // what a proto3 map field keeps: last value per key
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                String name = respell(asked.get(random.nextInt(asked.size())), random);
                String value = "v" + i;
                headers.add(HeaderEntry.newBuilder().setKey(name).setValue(value).build());
                map.put(name, value);
            }
            HeaderView view = HeaderView.of(headers);
            for (String name : asked) {
                assertThat(view.apply(name)).as("%s in %s", name, map).isEqualTo(mapLookup(map, name));
            }
        }
    }

    private static String respell(String name, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
            default -> name;
        };
    }
}
