package io.lazadapos.sandbox;

/**
 * Text an order shows that the sandbox derives from ids instead of storing (buyer, address, package,
 * carrier, tracking number): stable for a given order, and free in memory.
 */
final class OrderDetails {

    private final SellerCountry country;

    OrderDetails(SellerCountry country) {
        this.country = country;
    }

    SellerCountry country() {
        return country;
    }

    String firstName(SandboxOrder o) {
        return pick(country.firstNames, o.customer);
    }

    String lastName(SandboxOrder o) {
        return pick(country.lastNames, o.customer >>> 4);
    }

    String city(SandboxOrder o) {
        return pick(country.cities, o.customer >>> 8);
    }

    String district(SandboxOrder o) {
        return pick(country.districts, o.customer >>> 8); // same index as the city: the tables are aligned
    }

    String street(SandboxOrder o) {
        String street = switch (country) {
            case ID -> "Jl. Melati";
            case TH -> "Soi Sukhumvit";
            case VN -> "Đường Lê Lợi";
            case SG -> "Tampines Street";
            case MY -> "Jalan Ampang";
            case PH -> "Rizal Avenue";
        };
        return street + " " + (1 + (o.customer >>> 16) % 120);
    }

    String postCode(SandboxOrder o) {
        int digits = switch (country) {
            case VN, SG -> 6;
            case PH -> 4;
            default -> 5;
        };
        long value = 10_000L + Math.floorMod(OrderGenerator.mix(o.customer), 90_000L);
        String text = Long.toString(value) + "0";
        return text.substring(0, digits);
    }

    String phone(SandboxOrder o) {
        String callingCode = switch (country) {
            case ID -> "62";
            case TH -> "66";
            case VN -> "84";
            case SG -> "65";
            case MY -> "60";
            case PH -> "63";
        };
        return callingCode + "8" + String.format("%09d", Math.floorMod(OrderGenerator.mix(o.customer, 7), 1_000_000_000L));
    }

    String countryName() {
        return switch (country) {
            case ID -> "Indonesia";
            case TH -> "Thailand";
            case VN -> "Vietnam";
            case SG -> "Singapore";
            case MY -> "Malaysia";
            case PH -> "Philippines";
        };
    }

    String packageId(SandboxOrder o, SandboxItem item) {
        return "FP" + String.format("%012d", Math.floorMod(OrderGenerator.mix(o.orderId, item.packageNo), 1_000_000_000_000L));
    }

    String carrier(SandboxOrder o, SandboxItem item) {
        return country.carriers[(int) Math.floorMod(OrderGenerator.mix(o.orderId, 100 + item.packageNo), (long) country.carriers.length)];
    }

    String trackingCode(SandboxOrder o, SandboxItem item) {
        return "LX" + country.name() + "-" + String.format("%010d", Math.floorMod(OrderGenerator.mix(o.orderId, 200 + item.packageNo), 10_000_000_000L));
    }

    String shopSku(SandboxItem item) {
        return item.productId() + "_" + country.name() + "-" + item.skuId();
    }

    private static String pick(String[] values, int index) {
        return values[Math.floorMod(index, values.length)];
    }
}
