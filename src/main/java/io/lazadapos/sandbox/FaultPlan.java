package io.lazadapos.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Failures a test arranged for the next calls to an API path, to exercise a client's retries: an error
 * code ("ApiCallLimit", "ServiceTimeout", "6", ...) answered the Lazada way, or "http:503" for a bare
 * HTTP error status.
 */
final class FaultPlan {

    private final Map<String, ConcurrentLinkedQueue<String>> planned = new ConcurrentHashMap<>();

    void failNext(String apiPath, String code, int times) {
        if (times < 1) return;
        ConcurrentLinkedQueue<String> queue = planned.computeIfAbsent(apiPath, p -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) queue.add(code);
    }

    /** The fault to answer this call with, or null. */
    String take(String apiPath) {
        ConcurrentLinkedQueue<String> queue = planned.get(apiPath);
        return queue == null ? null : queue.poll();
    }

    void clear() {
        planned.clear();
    }

    static ApiError error(String code) {
        return switch (code) {
            case "ApiCallLimit" -> new ApiError("ISP", code, "The request has exceeded the limit of API calls. This ban will last 1 seconds");
            case "901" -> new ApiError("ISP", code, "E901: Request too frequent, please try again later");
            case "ServiceTimeout" -> new ApiError("ISP", code, "The service timed out");
            case "998" -> new ApiError("ISP", code, "E998: The API is temporarily unavailable for stability");
            case "6" -> ApiError.internal();
            case "IllegalAccessToken" -> ApiError.illegalAccessToken();
            case "IncompleteSignature" -> ApiError.incompleteSignature();
            default -> new ApiError("ISV", code, "Injected failure " + code);
        };
    }
}
