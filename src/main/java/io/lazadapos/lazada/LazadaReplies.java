package io.lazadapos.lazada;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a Lazada reply: Lazada answers errors with HTTP 200 and {@code code != "0"}, so the
 * envelope decides, not the HTTP status. Anything else becomes a typed {@link LazadaApiException}.
 */
public final class LazadaReplies {

    /** Hears the outcome of every reply read: "ok" or the error kind. */
    @FunctionalInterface
    public interface Outcomes {
        void reply(String apiPath, String outcome);
    }

    /** Told when Lazada bans calls for a while (ApiCallLimit, 901): the rate limit holds every caller off. */
    @FunctionalInterface
    public interface BanListener {
        void banned(long millis);
    }

    /** The outcome of a call that got no reply. */
    public static final String TRANSPORT = "TRANSPORT";

    /** Lazada's ban after ApiCallLimit / 901 "will last 1 seconds". */
    static final long BAN_MILLIS = 1000;

    private final Outcomes outcomes;
    private final BanListener bans;

    public LazadaReplies() {
        this((api, outcome) -> { }, millis -> { });
    }

    public LazadaReplies(Outcomes outcomes, BanListener bans) {
        this.outcomes = outcomes;
        this.bans = bans;
    }

    /**
     * The reply to a call of {@code apiPath}, counted. (Its own name: a route's bean call of an
     * overloaded method makes Camel choose among the overloads on every call.)
     */
    public JsonNode replyFor(String apiPath, int httpStatus, byte[] body) {
        try {
            JsonNode root = read(apiPath, httpStatus, body);
            outcomes.reply(apiPath, "ok");
            return root;
        } catch (LazadaApiException e) {
            outcomes.reply(apiPath, e.kind().name());
            if (e.kind() == LazadaErrorKind.RATE_LIMITED || e.kind() == LazadaErrorKind.FLOW_CONTROL) {
                bans.banned(BAN_MILLIS);
            }
            throw e;
        }
    }

    /** As a bean for the lazada-call route: also a page larger than the request's limit is malformed (and retried). */
    public JsonNode reply(LazadaRequest request, int httpStatus, byte[] body) {
        JsonNode root = replyFor(request.apiPath(), httpStatus, body);
        String tooMany = ReplyShapes.beyondLimit(request, root);
        if (tooMany != null) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, request.apiPath(), null, tooMany,
                    root.hasNonNull("request_id") ? root.get("request_id").asText() : null, null);
        }
        return root;
    }

    /**
     * A call that got no reply at all (refused, timed out, cut off): counted as TRANSPORT, and the
     * failure goes on to the caller's retries unchanged.
     */
    public void noReply(LazadaRequest request, Exception cause) throws Exception {
        outcomes.reply(request == null ? "unknown" : request.apiPath(), TRANSPORT);
        throw cause;
    }

    /** The reply's root object when {@code code} is "0". */
    public static JsonNode read(String apiPath, int httpStatus, byte[] body) {
        if (httpStatus >= 500) {
            throw LazadaApiException.of(LazadaErrorKind.TRANSIENT, apiPath, "HTTP " + httpStatus, "server error", null, null);
        }
        if (httpStatus == 429) {
            throw LazadaApiException.of(LazadaErrorKind.RATE_LIMITED, apiPath, "HTTP 429", "too many requests", null, null);
        }
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : LazadaJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, apiPath, null,
                    "reply is not JSON (" + (body == null ? 0 : body.length) + " bytes, HTTP " + httpStatus + ")", null, e);
        }
        if (root == null || !root.isObject()) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, apiPath, null,
                    "reply is not a JSON object (HTTP " + httpStatus + ")", null, null);
        }
        JsonNode codeNode = root.get("code");
        String requestId = root.hasNonNull("request_id") ? root.get("request_id").asText() : null;
        if (codeNode == null || codeNode.isNull()) {
            if (httpStatus < 300 && apiPath != null && apiPath.startsWith("/auth/") && root.hasNonNull("access_token")) {
                // Token answers are top-level; some carry no code at all (the SDKs differ): a grant is a success.
                String wrongShape = ReplyShapes.problem(apiPath, root);
                if (wrongShape != null) {
                    throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, apiPath, null, wrongShape, requestId, null);
                }
                return root;
            }
            if (httpStatus >= 400) {
                throw LazadaApiException.of(LazadaErrorKind.REQUEST_BUG, apiPath, "HTTP " + httpStatus, "request refused", requestId, null);
            }
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, apiPath, null, "reply has no code", requestId, null);
        }
        String code = codeNode.asText();
        if ("0".equals(code)) {
            String wrongShape = ReplyShapes.problem(apiPath, root);
            if (wrongShape != null) {
                throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, apiPath, null, wrongShape, requestId, null);
            }
            return root;
        }
        String type = root.hasNonNull("type") ? root.get("type").asText() : null;
        String message = root.hasNonNull("message") ? root.get("message").asText() : null;
        throw LazadaApiException.of(LazadaErrorKind.of(code, type), apiPath, code, message, requestId, null);
    }

    /** The {@code data} member of a successful reply (orders, items). */
    public static JsonNode data(String apiPath, JsonNode root) {
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, apiPath, null, "reply has no data", null, null);
        }
        return data;
    }
}
