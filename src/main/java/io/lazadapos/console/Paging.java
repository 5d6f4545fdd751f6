package io.lazadapos.console;

import io.lazadapos.api.ApiProblem;

/** A page of a list as the query string asks for it ({@code limit}, {@code offset}), checked. */
record Paging(int limit, int offset) {

    static final int MAX_LIMIT = 500;

    static Paging of(String limit, String offset, int defaultLimit) {
        int l = wholeNumber("limit", limit, defaultLimit);
        int o = wholeNumber("offset", offset, 0);
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (o < 0) {
            throw ApiProblem.badRequest("offset must not be negative");
        }
        return new Paging(l, o);
    }

    static int wholeNumber(String name, String text, int whenMissing) {
        if (text == null || text.isBlank()) {
            return whenMissing;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name + " must be a whole number, not '" + shorten(text) + "'");
        }
    }

    static long id(String name, String text) {
        try {
            long id = Long.parseLong(text == null ? "" : text.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest(name + " must be a whole number, not '" + shorten(text) + "'");
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
