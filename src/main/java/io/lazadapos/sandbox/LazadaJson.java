package io.lazadapos.sandbox;

import static io.lazadapos.sandbox.SandboxItem.CANCEL_PENDING;
import static io.lazadapos.sandbox.SandboxItem.HAS_PACKAGE;
import static io.lazadapos.sandbox.SandboxItem.HAS_TRACKING;
import static io.lazadapos.sandbox.SandboxItem.NEED_CANCEL_CONFIRM;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes orders, items, reverse orders, fee transactions and statements the way Lazada's API shows them, quirks included: per
 * order, ids and amounts are JSON strings or numbers, and dates come as "2026-11-30T22:44:30+07:00"
 * or "2026-11-30 22:44:30 +0700", in the seller's country offset. Unset text is "" as Lazada sends it.
 */
final class LazadaJson {

    private static final DateTimeFormatter ISO_WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter SPACED_WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Forms of a finance amount (see {@link #moneyForm}); any other value: a string of the integer. */
    private static final int AS_NUMBER = 0;
    private static final int WITH_CURRENCY = 1;

    private final SellerCountry country;
    private final OrderDetails details;

    LazadaJson(OrderDetails details) {
        this.details = details;
        this.country = details.country();
    }

    String date(long epochSecond, boolean spaced) {
        LocalDateTime wall = LocalDateTime.ofEpochSecond(epochSecond, 0, country.offset);
        return spaced ? SPACED_WALL.format(wall) + " " + country.compactOffset : ISO_WALL.format(wall) + country.isoOffset;
    }

    /** An order row; {@code listRow} rows (GetOrders) carry Lazada's misspelt "addressDsitrict". */
    void order(JsonGenerator g, SandboxOrder o, boolean listRow) throws IOException {
        boolean ids = o.has(SandboxOrder.IDS_AS_STRINGS);
        boolean amounts = o.has(SandboxOrder.AMOUNTS_AS_STRINGS);
        boolean spaced = o.has(SandboxOrder.SPACED_DATES);
        long voucherSeller = o.voucherSeller();
        long voucherPlatform = o.voucherPlatform();
        long shippingFee = o.shippingFee();
        g.writeStartObject();
        id(g, "order_id", o.orderId, ids);
        id(g, "order_number", o.orderNumber, ids);
        g.writeStringField("created_at", date(o.createdAt, spaced));
        g.writeStringField("updated_at", date(o.updatedAt, spaced));
        g.writeArrayFieldStart("statuses");
        Set<String> statuses = new LinkedHashSet<>();
        for (SandboxItem item : o.items) statuses.add(item.status);
        for (String status : statuses) g.writeString(status);
        g.writeEndArray();
        id(g, "items_count", o.items.length, ids);
        money(g, "price", o.price(), amounts);
        money(g, "voucher", voucherSeller + voucherPlatform, amounts);
        money(g, "voucher_seller", voucherSeller, amounts);
        money(g, "voucher_platform", voucherPlatform, amounts);
        g.writeStringField("voucher_code", "");
        money(g, "shipping_fee", shippingFee, amounts);
        money(g, "shipping_fee_original", shippingFee, amounts);
        money(g, "shipping_fee_discount_seller", 0, amounts);
        money(g, "shipping_fee_discount_platform", 0, amounts);
        g.writeStringField("payment_method", o.paymentMethod);
        g.writeStringField("customer_first_name", details.firstName(o));
        g.writeStringField("customer_last_name", details.lastName(o));
        address(g, "address_billing", o, listRow);
        address(g, "address_shipping", o, listRow);
        g.writeStringField("remarks", "");
        g.writeStringField("buyer_note", "");
        g.writeBooleanField("gift_option", false);
        g.writeStringField("gift_message", "");
        g.writeStringField("delivery_info", "");
        g.writeStringField("promised_shipping_times", "");
        g.writeStringField("national_registration_number", "");
        g.writeStringField("tax_code", "");
        g.writeStringField("branch_number", "");
        g.writeStringField("extra_attributes", "");
        g.writeBooleanField("need_cancel_confirm", o.anyItem(NEED_CANCEL_CONFIRM));
        g.writeBooleanField("is_cancel_pending", o.anyItem(CANCEL_PENDING));
        g.writeStringField("warehouse_code", "dropshipping");
        g.writeEndObject();
    }

    private void address(JsonGenerator g, String field, SandboxOrder o, boolean listRow) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("first_name", details.firstName(o));
        g.writeStringField("last_name", details.lastName(o));
        g.writeStringField("phone", details.phone(o));
        g.writeStringField("phone2", "");
        g.writeStringField("address1", details.street(o));
        g.writeStringField("address2", "");
        g.writeStringField("address3", details.city(o));
        g.writeStringField("address4", details.district(o));
        g.writeStringField("address5", details.postCode(o));
        g.writeStringField(listRow ? "addressDsitrict" : "addressDistrict", details.district(o));
        g.writeStringField("city", details.city(o));
        g.writeStringField("post_code", details.postCode(o));
        g.writeStringField("country", details.countryName());
        g.writeStringField("customer_email", "");
        g.writeEndObject();
    }

    void item(JsonGenerator g, SandboxOrder o, SandboxItem it) throws IOException {
        boolean ids = o.has(SandboxOrder.IDS_AS_STRINGS);
        boolean amounts = o.has(SandboxOrder.AMOUNTS_AS_STRINGS);
        boolean spaced = o.has(SandboxOrder.SPACED_DATES);
        g.writeStartObject();
        id(g, "order_item_id", it.itemId, ids);
        id(g, "order_id", o.orderId, ids);
        g.writeStringField("purchase_order_id", "");
        g.writeStringField("purchase_order_number", "");
        g.writeStringField("status", it.status);
        g.writeStringField("sku", it.sku);
        g.writeStringField("shop_sku", details.shopSku(it));
        g.writeStringField("sku_id", Long.toString(it.skuId()));
        g.writeStringField("product_id", Long.toString(it.productId()));
        g.writeStringField("name", it.name);
        g.writeStringField("variation", it.variation == null ? "" : it.variation);
        money(g, "item_price", it.itemPrice, amounts);
        money(g, "paid_price", it.paidPrice(), amounts);
        g.writeStringField("currency", country.currency);
        money(g, "voucher_amount", it.voucherAmount(), amounts);
        money(g, "voucher_seller", it.voucherSeller, amounts);
        money(g, "voucher_platform", it.voucherPlatform, amounts);
        g.writeStringField("voucher_code", "");
        money(g, "shipping_amount", it.shippingAmount, amounts);
        money(g, "shipping_fee_original", it.shippingAmount, amounts);
        money(g, "shipping_fee_discount_seller", 0, amounts);
        money(g, "shipping_fee_discount_platform", 0, amounts);
        money(g, "tax_amount", it.taxAmount, amounts);
        boolean tracked = it.has(HAS_TRACKING);
        g.writeStringField("shipment_provider", tracked ? details.carrier(o, it) : "");
        g.writeStringField("tracking_code", tracked ? details.trackingCode(o, it) : "");
        g.writeStringField("tracking_code_pre", "");
        g.writeStringField("package_id", it.has(HAS_PACKAGE) ? details.packageId(o, it) : "");
        g.writeStringField("shipping_type", "Dropshipping");
        g.writeStringField("shipping_provider_type", "standard");
        g.writeStringField("warehouse_code", "dropshipping");
        g.writeStringField("order_type", "Normal");
        g.writeNumberField("is_digital", 0);
        g.writeNumberField("is_fbl", 0);
        g.writeNumberField("is_reroute", 0);
        g.writeStringField("created_at", date(o.createdAt, spaced));
        g.writeStringField("updated_at", date(it.updatedAt, spaced));
        g.writeStringField("promised_shipping_time", "");
        g.writeStringField("sla_time_stamp", "");
        g.writeStringField("cancel_return_initiator", it.initiator == null ? "" : it.initiator);
        g.writeStringField("reason", it.reason == null ? "" : it.reason);
        g.writeStringField("reason_detail", "");
        g.writeStringField("return_status", it.reverse == null ? "" : it.reverse.status);
        g.writeBooleanField("need_cancel_confirm", it.has(NEED_CANCEL_CONFIRM));
        g.writeBooleanField("is_cancel_pending", it.has(CANCEL_PENDING));
        g.writeStringField("cancel_trigger_time", it.cancelTriggerTime == 0 ? "" : date(it.cancelTriggerTime, spaced));
        if (it.reverse == null) g.writeStringField("reverse_order_id", "");
        else id(g, "reverse_order_id", it.reverse.reverse.reverseOrderId, ids);
        if (it.paymentTime == 0) g.writeStringField("payment_time", "");
        else id(g, "payment_time", it.paymentTime * 1000, ids);
        g.writeStringField("stage_pay_status", "");
        g.writeStringField("invoice_number", "");
        g.writeStringField("product_main_image", "");
        g.writeStringField("product_detail_url", "");
        g.writeStringField("digital_delivery_info", "");
        g.writeStringField("extra_attributes", "");
        g.writeEndObject();
    }

    /** A reverse order of /reverse/getreverseordersforseller: amounts in minor units (cents), except VND. */
    void reverseOrder(JsonGenerator g, ReverseOrder r) throws IOException {
        SandboxOrder o = r.order;
        boolean ids = o.has(SandboxOrder.IDS_AS_STRINGS);
        g.writeStartObject();
        id(g, "reverse_order_id", r.reverseOrderId, ids);
        id(g, "trade_order_id", o.orderId, ids);
        g.writeStringField("request_type", r.requestType);
        g.writeBooleanField("is_rtm", ReverseOrder.RETURN.equals(r.requestType));
        g.writeStringField("shipping_type", "DEFAULT");
        g.writeArrayFieldStart("reverse_order_lines");
        for (ReverseOrder.Line line : r.lines) {
            SandboxItem it = line.item;
            g.writeStartObject();
            id(g, "reverse_order_line_id", line.lineId, ids);
            id(g, "trade_order_line_id", it.itemId, ids);
            g.writeStringField("reverse_status", line.status);
            g.writeStringField("ofc_status", "");
            g.writeBooleanField("is_need_refund", true);
            // Our minor units are already Lazada's "cents, except VND" (VND has no decimals).
            id(g, "refund_amount", it.paidPrice(), ids);
            id(g, "item_unit_price", it.itemPrice, ids);
            g.writeStringField("reason_text", line.reasonText);
            id(g, "reason_code", line.reasonCode, ids);
            g.writeStringField("seller_sku_id", it.sku);
            g.writeStringField("platform_sku_id", Long.toString(it.skuId()));
            g.writeObjectFieldStart("product");
            id(g, "product_id", it.productId(), ids);
            g.writeStringField("product_sku", Long.toString(it.skuId()));
            g.writeEndObject();
            g.writeObjectFieldStart("buyer");
            id(g, "buyer_id", 100_000_000L + o.customer, ids);
            g.writeEndObject();
            id(g, "trade_order_gmt_create", o.createdAt * 1000, ids);
            id(g, "return_order_line_gmt_create", r.createdAt * 1000, ids);
            id(g, "return_order_line_gmt_modified", line.modifiedAt * 1000, ids);
            g.writeStringField("refund_payment_method", o.paymentMethod);
            g.writeStringField("tracking_number", "");
            g.writeBooleanField("is_dispute", false);
            g.writeStringField("whqc_decision", "");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * A fee transaction of /finance/transaction/details/get. Amounts in minor units (cents), except VND
     * (whole dong); per transaction a JSON string or number, or in Vietnam "99303.00 VND".
     */
    void transaction(JsonGenerator g, FinanceLedger.Transaction t, long vat, String statement, boolean paid) throws IOException {
        SandboxItem it = t.item();
        int form = moneyForm(t.number());
        g.writeStartObject();
        g.writeStringField("order_no", Long.toString(t.order().orderId));
        g.writeStringField("orderItem_no", Long.toString(it.itemId));
        g.writeStringField("orderItem_status", it.status);
        g.writeStringField("transaction_date", localDate(t.postedAt()));
        g.writeStringField("transaction_number", Long.toString(t.number()));
        g.writeStringField("transaction_type", t.refund() ? "Orders-Refunds" : "Orders-Sales");
        g.writeStringField("fee_type", FinanceLedger.FEE_TYPES[t.slot()]);
        g.writeStringField("fee_name", FinanceLedger.FEE_NAMES[t.slot()]);
        minorMoney(g, "amount", t.amount(), form);
        minorMoney(g, "VAT_in_amount", vat, form);
        minorMoney(g, "WHT_amount", 0, form);
        g.writeStringField("WHT_included_in_amount", "0");
        g.writeStringField("statement", statement);
        g.writeStringField("paid_status", paid ? "paid" : "not paid");
        g.writeStringField("lazada_sku", details.shopSku(it));
        g.writeStringField("seller_sku", it.sku);
        g.writeStringField("reference", "");
        g.writeStringField("comment", "");
        g.writeStringField("details", "");
        g.writeEndObject();
    }

    /** A statement of /finance/payout/status/get; amounts as for transactions, one form per statement. */
    void statement(JsonGenerator g, FinanceLedger.Statement s) throws IOException {
        int form = moneyForm(s.number().hashCode());
        g.writeStartObject();
        g.writeStringField("statement_number", s.number());
        minorMoney(g, "opening_balance", s.openingBalance(), form);
        minorMoney(g, "item_revenue", s.itemRevenue(), form);
        minorMoney(g, "fees_total", s.feesTotal(), form);
        minorMoney(g, "refunds", s.refunds(), form);
        minorMoney(g, "closing_balance", s.closingBalance(), form);
        minorMoney(g, "payout", s.payout(), form);
        g.writeStringField("paid", s.paid() ? "1" : "0");
        g.writeStringField("created_at", localDate(s.createdAt()));
        g.writeStringField("updated_at", localDate(s.updatedAt()));
        g.writeEndObject();
    }

    /** How a finance amount is written, stable per key: a number one time in four, "... VND" one in four in Vietnam, else a string. */
    private int moneyForm(long key) {
        int form = (int) Math.floorMod(OrderGenerator.mix(key, 0xF1), 4L);
        return form == WITH_CURRENCY && country != SellerCountry.VN ? 2 : form;
    }

    private void minorMoney(JsonGenerator g, String field, long minor, int form) throws IOException {
        if (form == AS_NUMBER) {
            g.writeNumberField(field, minor);
        } else if (form == WITH_CURRENCY) {
            g.writeStringField(field, country.toMajor(minor).setScale(2).toPlainString() + " " + country.currency);
        } else {
            g.writeStringField(field, Long.toString(minor));
        }
    }

    /** "2026-12-01 09:30:00" in the seller's local time, no offset: the finance APIs' form. */
    private String localDate(long epochSecond) {
        return SPACED_WALL.format(LocalDateTime.ofEpochSecond(epochSecond, 0, country.offset));
    }

    private static void id(JsonGenerator g, String field, long value, boolean asString) throws IOException {
        if (asString) g.writeStringField(field, Long.toString(value));
        else g.writeNumberField(field, value);
    }

    private void money(JsonGenerator g, String field, long minor, boolean asString) throws IOException {
        java.math.BigDecimal amount = country.toMajor(minor);
        if (asString) {
            g.writeStringField(field, amount.toPlainString());
        } else {
            g.writeFieldName(field);
            g.writeNumber(amount);
        }
    }
}
