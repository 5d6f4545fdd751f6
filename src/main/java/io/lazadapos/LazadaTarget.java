package io.lazadapos;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Service;

import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.sandbox.FaultMix;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.PushSettings;
import io.lazadapos.sandbox.SandboxSettings;

/**
 * Which Lazada the runtime talks to: the configured API, or (no URL configured) the built-in
 * sandbox started on a loopback port with its own credentials.
 */
record LazadaTarget(String apiUrl, LazadaCountry country, String appKey, String appSecret, String accessToken,
        String refreshToken, String sellerId, boolean sandbox) {

    static LazadaTarget resolve(Settings settings, CamelContext context) throws Exception {
        String sellerId = settings.text("lazada.seller-id", "default");
        var apiUrl = settings.optional("lazada.api-url");
        if (apiUrl.isPresent()) {
            LazadaCountry country = settings.optional("lazada.country").map(LazadaCountry::of)
                    .orElseGet(() -> {
                        LazadaCountry c = LazadaCountry.ofApiUrl(apiUrl.get());
                        if (c == null) {
                            throw new IllegalArgumentException("Cannot tell the seller's country from LAZADA_API_URL "
                                    + apiUrl.get() + ": set LAZADA_COUNTRY (ID, TH, VN, SG, MY, PH)");
                        }
                        return c;
                    });
            String appKey = settings.optional("lazada.app-key")
                    .orElseThrow(() -> new IllegalArgumentException("LAZADA_APP_KEY is required with LAZADA_API_URL"));
            String appSecret = settings.optional("lazada.app-secret")
                    .orElseThrow(() -> new IllegalArgumentException("LAZADA_APP_SECRET is required with LAZADA_API_URL"));
            return new LazadaTarget(apiUrl.get(), country, appKey, appSecret,
                    settings.text("lazada.access-token", ""), settings.text("lazada.refresh-token", ""), sellerId, false);
        }

        LazadaCountry country = LazadaCountry.of(settings.text("lazada.country", "ID"));
        SandboxSettings s = SandboxSettings.defaults()
                .withPort(settings.integer("sandbox.port", 0))
                .withSeed(settings.integer("sandbox.seed", 42))
                .withInitialOrders(settings.integer("sandbox.initial-orders", 200))
                .withLiveOrdersPerMinute(settings.integer("sandbox.orders-per-minute", 30))
                .withPostingDelay(settings.duration("sandbox.finance.posting-delay", java.time.Duration.ofDays(1)))
                .withPayoutDelay(settings.duration("sandbox.finance.payout-delay", java.time.Duration.ofDays(3)))
                .withSellerId(sellerId)
                .withCountry(country.name());
        // Credentials configured explicitly win, so tests can check signing against the sandbox.
        // Tests pass a clock of their own to control Lazada's update times.
        java.time.Clock sandboxClock = context.getRegistry().lookupByNameAndType("sandboxClock", java.time.Clock.class);
        if (sandboxClock != null) {
            s = s.withClock(sandboxClock);
        }
        s = settings.optional("lazada.app-key").map(s::withAppKey).orElse(s);
        s = settings.optional("lazada.app-secret").map(s::withAppSecret).orElse(s);
        s = settings.optional("lazada.access-token").map(s::withAccessToken).orElse(s);
        s = settings.optional("lazada.refresh-token").map(s::withRefreshToken).orElse(s);
        s = s.withPushes(sandboxPushes(settings));
        s = s.withFaultMix(sandboxFaults(settings));
        if (settings.optional("sandbox.access-token-ttl").isPresent()) {
            s = s.withAccessTokenTtl(settings.duration("sandbox.access-token-ttl", s.accessTokenTtl()));
        }
        LazadaSandbox sandbox = LazadaSandbox.start(s);
        // Its pushes wait until the runtime's HTTP server listens (it starts after this).
        sandbox.holdPushes();
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                sandbox.releasePushes();
            }
        });
        context.getRegistry().bind("lazadaSandbox", sandbox);
        context.addService(new Service() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
                sandbox.close();
            }
        });
        return new LazadaTarget(sandbox.baseUrl(), country, s.appKey(), s.appSecret(), s.accessToken(), s.refreshToken(), sellerId, true);
    }

    /** Like Lazada, the sandbox pushes its changes: by default to this runtime's own /lazada/push. */
    private static PushSettings sandboxPushes(Settings settings) {
        var url = settings.optional("sandbox.push.url");
        boolean on = settings.flag("sandbox.push.enabled", true) && (url.isPresent() || settings.flag("lazada.push.enabled", true));
        if (!on) {
            return PushSettings.off();
        }
        return new PushSettings(url.orElse("http://127.0.0.1:" + settings.integer("camel.server.port", 8080) + "/lazada/push"),
                settings.share("sandbox.push.drop-share", 0), settings.share("sandbox.push.duplicate-share", 0),
                settings.share("sandbox.push.delay-share", 0), settings.share("sandbox.push.reorder-share", 0),
                settings.duration("sandbox.push.max-delay", java.time.Duration.ofSeconds(5)));
    }

    /** A share of the sandbox's calls failing in mixed ways; its slow answers outlast the client's timeout. */
    private static FaultMix sandboxFaults(Settings settings) {
        double share = settings.decimal("sandbox.fault-share", 0);
        if (share <= 0) {
            return FaultMix.none();
        }
        long slow = settings.optional("sandbox.slow-reply-ms").map(Long::parseLong)
                .orElse(settings.integer("lazada.response-timeout-ms", 30000) + 1000L);
        return new FaultMix(share, FaultMix.parseKinds(settings.text("sandbox.fault-kinds", "")), java.time.Duration.ofMillis(slow), null);
    }

    @Override
    public String toString() {
        // Credentials stay out of logs.
        return "LazadaTarget[" + apiUrl + ", " + country + ", seller " + sellerId + (sandbox ? ", sandbox" : "") + "]";
    }
}
