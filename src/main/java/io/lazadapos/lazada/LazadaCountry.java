package io.lazadapos.lazada;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.Locale;

/** The six Lazada countries: the seller's time zone (business dates) and currency follow from it. */
public enum LazadaCountry {
    ID("co.id", ZoneOffset.ofHours(7), "IDR"),
    TH("co.th", ZoneOffset.ofHours(7), "THB"),
    VN("vn", ZoneOffset.ofHours(7), "VND"),
    SG("sg", ZoneOffset.ofHours(8), "SGD"),
    MY("com.my", ZoneOffset.ofHours(8), "MYR"),
    PH("com.ph", ZoneOffset.ofHours(8), "PHP");

    private final String domain;
    private final ZoneOffset offset;
    private final String currency;

    LazadaCountry(String domain, ZoneOffset offset, String currency) {
        this.domain = domain;
        this.offset = offset;
        this.currency = currency;
    }

    public ZoneOffset offset() {
        return offset;
    }

    public String currency() {
        return currency;
    }

    /** Lazada's REST base URL for sellers of this country, e.g. https://api.lazada.co.id/rest. */
    public String apiUrl() {
        return "https://api.lazada." + domain + "/rest";
    }

    /** Amounts in the reverse-order API are in minor units except in Vietnam. */
    public boolean usesMinorUnits() {
        return this != VN;
    }

    public static LazadaCountry of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown Lazada country '" + code + "' (expected one of ID, TH, VN, SG, MY, PH)");
        }
    }

    /** The country of an API base URL such as {@code https://api.lazada.co.id/rest}; null when it names none. */
    public static LazadaCountry ofApiUrl(String apiUrl) {
        String host = URI.create(apiUrl).getHost();
        if (host == null) {
            return null;
        }
        for (LazadaCountry c : values()) {
            if (host.endsWith("lazada." + c.domain)) {
                return c;
            }
        }
        return null;
    }
}
