package io.lazadapos.sandbox;

/**
 * An error the sandbox answers the way Lazada does: HTTP 200 and
 * {"type":..., "code":..., "message":..., "request_id":...}. Carries no stack trace: it is an answer, not a fault.
 */
final class ApiError extends RuntimeException {

    final String type;
    final String code;

    ApiError(String type, String code, String message) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
    }

    static ApiError incompleteSignature() {
        return new ApiError("ISV", "IncompleteSignature", "The request signature does not conform to platform standards");
    }

    static ApiError illegalAccessToken() {
        return new ApiError("ISV", "IllegalAccessToken", "The specified access token is invalid or expired");
    }

    static ApiError illegalRefreshToken() {
        return new ApiError("ISV", "IllegalRefreshToken", "The specified refresh token is invalid or expired");
    }

    static ApiError missingParameter(String name) {
        return new ApiError("ISV", "MissingParameter", "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied");
    }

    static ApiError invalidParameter(String name, String value) {
        return new ApiError("ISV", "InvalidParameter", "The parameter \"" + name + "\" has an invalid value: " + value);
    }

    static ApiError invalidApiPath() {
        return new ApiError("ISV", "InvalidApiPath", "The specified API path is invalid");
    }

    /** Lazada's numbered order errors keep their Seller Center text: "E017: ... Invalid Date Format". */
    static ApiError numbered(int code, String message) {
        return new ApiError("ISV", Integer.toString(code), String.format("E%03d: %s", code, message));
    }

    static ApiError internal() {
        return new ApiError("ISP", "6", "E006: Unexpected internal error");
    }
}
