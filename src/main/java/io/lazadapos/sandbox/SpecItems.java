package io.lazadapos.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Turns the lines of a {@link SandboxOrderSpec} into items: one per unit, prices in minor units,
 * order-level vouchers and shipping spread over the items so that the order adds up.
 */
final class SpecItems {

    private final SellerCountry country;
    private final SandboxOrderSpec spec;
    private final SplittableRandom rng;
    private final LongSupplier itemIds;

    SpecItems(SellerCountry country, SandboxOrderSpec spec, SplittableRandom rng, LongSupplier itemIds) {
        this.country = country;
        this.spec = spec;
        this.rng = rng;
        this.itemIds = itemIds;
    }

    /** A unit being worked out; prices in minor units. */
    private static final class Unit {
        int catalogIndex = -1;
        String sku;
        String name;
        String variation;
        long itemPrice;
        boolean paidGiven;
        long voucherSeller;
        long voucherPlatform;
        long shipping;
        boolean shippingGiven;
        long tax;
    }

    SandboxItem[] build() {
        List<Unit> units = new ArrayList<>();
        List<SandboxItemSpec> lines = spec.items().isEmpty()
                ? java.util.Collections.nCopies(spec.itemCount(), SandboxItemSpec.any()) : spec.items();
        for (SandboxItemSpec line : lines) {
            Unit unit = unit(line);
            for (int i = 0; i < line.quantity(); i++) units.add(copy(unit));
        }
        spreadVouchers(units);
        spreadShipping(units);
        SandboxItem[] items = new SandboxItem[units.size()];
        for (int i = 0; i < items.length; i++) {
            Unit u = units.get(i);
            if (u.itemPrice - u.voucherSeller - u.voucherPlatform < 0) {
                throw new IllegalArgumentException("vouchers exceed the price of item " + u.sku);
            }
            items[i] = new SandboxItem(itemIds.getAsLong(), u.catalogIndex, u.sku, u.name, u.variation, u.itemPrice,
                    u.voucherSeller, u.voucherPlatform, u.shipping, u.tax, (byte) 0);
        }
        return items;
    }

    private Unit unit(SandboxItemSpec line) {
        Unit u = new Unit();
        boolean needsCatalog = line.sku() == null || line.name() == null || (line.itemPrice() == null && line.paidPrice() == null);
        ProductCatalog.Product product = null;
        if (needsCatalog) {
            u.catalogIndex = rng.nextInt(ProductCatalog.PRODUCTS.size());
            product = ProductCatalog.PRODUCTS.get(u.catalogIndex);
        }
        u.sku = line.sku() != null ? line.sku() : product.sku();
        u.name = line.name() != null ? line.name() : product.name();
        u.variation = line.variation() != null ? line.variation() : product != null && line.sku() == null ? product.variation() : "";
        if (line.sku() != null) u.catalogIndex = -1; // a caller's SKU is not a catalog product
        u.voucherSeller = minor(line.voucherSeller());
        u.voucherPlatform = minor(line.voucherPlatform());
        if (line.itemPrice() != null) {
            u.itemPrice = minor(line.itemPrice());
            if (line.paidPrice() != null && minor(line.paidPrice()) != u.itemPrice - u.voucherSeller - u.voucherPlatform) {
                throw new IllegalArgumentException("paidPrice must equal itemPrice minus vouchers for " + u.sku);
            }
            u.paidGiven = line.paidPrice() != null;
        } else if (line.paidPrice() != null) {
            u.itemPrice = minor(line.paidPrice()) + u.voucherSeller + u.voucherPlatform;
            u.paidGiven = true;
        } else {
            u.itemPrice = country.priceFromDollars(product.dollars());
        }
        if (line.shippingAmount() != null) {
            u.shipping = minor(line.shippingAmount());
            u.shippingGiven = true;
        }
        u.tax = minor(line.taxAmount());
        return u;
    }

    private static Unit copy(Unit u) {
        Unit c = new Unit();
        c.catalogIndex = u.catalogIndex;
        c.sku = u.sku;
        c.name = u.name;
        c.variation = u.variation;
        c.itemPrice = u.itemPrice;
        c.paidGiven = u.paidGiven;
        c.voucherSeller = u.voucherSeller;
        c.voucherPlatform = u.voucherPlatform;
        c.shipping = u.shipping;
        c.shippingGiven = u.shippingGiven;
        c.tax = u.tax;
        return c;
    }

    /** Order vouchers go to items by price share; an item whose paid price was given keeps it (its item price grows). */
    private void spreadVouchers(List<Unit> units) {
        long seller = minor(spec.voucherSeller());
        long platform = minor(spec.voucherPlatform());
        if (seller == 0 && platform == 0) return;
        long[] sellerShares = shares(units, seller);
        long[] platformShares = shares(units, platform);
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            u.voucherSeller += sellerShares[i];
            u.voucherPlatform += platformShares[i];
            if (u.paidGiven) u.itemPrice += sellerShares[i] + platformShares[i];
        }
    }

    private static long[] shares(List<Unit> units, long total) {
        long[] shares = new long[units.size()];
        long priceSum = 0;
        for (Unit u : units) priceSum += u.itemPrice;
        long given = 0;
        for (int i = 0; i < shares.length && priceSum > 0; i++) {
            shares[i] = BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(units.get(i).itemPrice))
                    .divideToIntegralValue(BigDecimal.valueOf(priceSum)).longValueExact();
            given += shares[i];
        }
        if (shares.length > 0) shares[0] += total - given;
        return shares;
    }

    /** The order's shipping fee goes evenly to the items that did not name their own. */
    private void spreadShipping(List<Unit> units) {
        long fee = minor(spec.shippingFee());
        List<Unit> open = units.stream().filter(u -> !u.shippingGiven).toList();
        if (fee == 0 || open.isEmpty()) return;
        for (int i = 0; i < open.size(); i++) {
            open.get(i).shipping = fee / open.size() + (i == 0 ? fee % open.size() : 0);
        }
    }

    private long minor(BigDecimal amount) {
        if (amount == null) return 0;
        if (amount.signum() < 0) throw new IllegalArgumentException("amounts must not be negative: " + amount);
        return country.toMinor(amount);
    }
}
