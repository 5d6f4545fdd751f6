package io.lazadapos.api;

/**
 * A request the API refuses, with the HTTP status and the machine-readable error code it
 * answers (see the api route configuration). The message is shown to the caller: no secrets.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String error;

    public ApiProblem(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(400, "bad_request", message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(404, "not_found", message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(409, "conflict", message);
    }

    public int getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }
}
