package io.lazadapos.sandbox;

import java.util.Arrays;

/**
 * The timed transitions a generated order will go through, packed one per long so that tens of
 * thousands of pending scripts stay cheap: bits 63..24 the due time (epoch seconds), 23..16 the mask
 * of items it applies to, 15..8 the action, 7..0 an argument (cancel cause, reverse status, ...).
 */
final class OrderScript {

    static final int PAY = 1;
    static final int PACK = 2;
    static final int READY = 3;
    static final int SHIP = 4;
    static final int DELIVER = 5;
    static final int CONFIRM = 6;
    /** arg: {@link CancelCause} ordinal. */
    static final int CANCEL = 7;
    /** Buyer asks to cancel; arg: hours until the request auto-cancels (cancel_trigger_time). */
    static final int CANCEL_REQUEST = 8;
    static final int FAIL_DELIVERY = 9;
    static final int SHIP_BACK = 10;
    static final int SHIP_BACK_DONE = 11;
    /** arg: 0 return and refund, 1 refund only. */
    static final int RETURN = 12;
    /** arg: index into {@link #REVERSE_STATUSES}. */
    static final int REVERSE = 13;

    static final String[] REVERSE_STATUSES = {"REQUEST_INITIATE", "SELLER_AGREE_RETURN", "BUYER_RETURN_ITEM", "REFUND_SUCCESS"};
    static final int REQUEST_INITIATE = 0;
    static final int SELLER_AGREE_RETURN = 1;
    static final int BUYER_RETURN_ITEM = 2;
    static final int REFUND_SUCCESS = 3;

    private OrderScript() {
    }

    static long step(long at, int mask, int action, int arg) {
        return (at << 24) | ((long) (mask & 0xFF) << 16) | ((action & 0xFF) << 8) | (arg & 0xFF);
    }

    static long time(long step) {
        return step >>> 24;
    }

    static int mask(long step) {
        return (int) (step >>> 16) & 0xFF;
    }

    static int action(long step) {
        return (int) (step >>> 8) & 0xFF;
    }

    static int arg(long step) {
        return (int) step & 0xFF;
    }

    /** Collects steps in any order and hands them out sorted by time. */
    static final class Builder {
        private long[] steps = new long[12];
        private int size;

        void add(long at, int mask, int action, int arg) {
            if (size == steps.length) steps = Arrays.copyOf(steps, size * 2);
            steps[size++] = step(at, mask, action, arg);
        }

        void add(long at, int mask, int action) {
            add(at, mask, action, 0);
        }

        long[] build() {
            if (size == 0) return null;
            long[] out = Arrays.copyOf(steps, size);
            Arrays.sort(out);
            return out;
        }
    }
}
