package dev.periscope.enricher.classify.stages;

import java.util.List;
import java.util.Locale;

import dev.periscope.enricher.classify.ClassificationStage;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.model.v1.AccessEvent;

/**
 * {@code auth_schemes}: which kinds of credential the request carried, from presence bits only (the gateway never
 * forwards a credential value). Sources, all of them used:
 * <ul>
 * <li>gateway {@code auth_hints}: {@code bearer} → {@code jwt} (a Bearer/Token scheme or a bare JWT; an opaque
 * bearer token is reported as {@code jwt} too, as the reference does), {@code basic}, {@code apikey},
 * {@code cookie} (a session-like cookie name), {@code mtls} → themselves;</li>
 * <li>{@code consumer_scheme} ({@code jwt | mtls | apikey | basic}): the scheme the consumer identity came from;</li>
 * <li>a non-empty {@code tls_peer_subject}: {@code mtls}.</li>
 * </ul>
 * {@code none} when the request carried nothing at all ({@code auth_observed} false and none of the above). Hints
 * outside the six schemes ({@code digest}, {@code negotiate}, {@code other}) make a request authenticated without
 * naming a scheme, so such a request has no {@code auth_schemes} (and is not {@code none}). Schemes are written in a
 * fixed order: jwt, mtls, apikey, basic, cookie.
 * <p>
 * Order: anywhere.
 */
public final class AuthSchemeStage implements ClassificationStage {
    public static final String JWT = "jwt";
    public static final String MTLS = "mtls";
    public static final String APIKEY = "apikey";
    public static final String BASIC = "basic";
    public static final String COOKIE = "cookie";
    public static final String NONE = "none";
    private static final List<String> ORDER = List.of(JWT, MTLS, APIKEY, BASIC, COOKIE);

    @Override
    public String name() {
        return "auth_scheme";
    }

    @Override
    public void apply(EventDraft draft) {
        AccessEvent raw = draft.raw();
        boolean[] present = new boolean[ORDER.size()];
        for (String hint : raw.getAuthHintsList()) {
            mark(present, hint.equals("bearer") ? JWT : hint);
        }
        mark(present, raw.getConsumerScheme());
        if (!raw.getTlsPeerSubject().isBlank()) {
            mark(present, MTLS);
        }
        boolean any = false;
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                draft.authScheme(ORDER.get(i));
                any = true;
            }
        }
        if (!any && !raw.getAuthObserved() && raw.getAuthHintsCount() == 0) {
            draft.authScheme(NONE);
        }
    }

    private static void mark(boolean[] present, String scheme) {
        int index = ORDER.indexOf(scheme.toLowerCase(Locale.ROOT));
        if (index >= 0) {
            present[index] = true;
        }
    }
}
