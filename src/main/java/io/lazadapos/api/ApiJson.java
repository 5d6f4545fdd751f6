package io.lazadapos.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaErrorKind;

/** JSON of API answers: ISO-8601 instants, decimals as the views give them (strings). */
public final class ApiJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    // Credentials that can ride in a URL or an error text (signed Lazada URLs carry the seller's token).
    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)(access_token|refresh_token|app_secret|client_secret|sign|password|token)=[^&\\s\"']+");

    public String write(Object body) throws JsonProcessingException {
        return MAPPER.writeValueAsString(body);
    }

    public Map<String, Object> error(String error, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("message", withoutSecrets(message));
        return m;
    }

    /** HTTP status of a refused request (the {@link ApiProblem} may come wrapped by the bean call that threw it). */
    public int problemStatus(Throwable error) {
        ApiProblem p = find(error, ApiProblem.class);
        return p == null ? 500 : p.getStatus();
    }

    public Map<String, Object> problem(Throwable error) {
        ApiProblem p = find(error, ApiProblem.class);
        return p == null ? error("internal_error", error.getClass().getSimpleName()) : error(p.getError(), p.getMessage());
    }

    /** HTTP status for a failed Lazada call made on the caller's behalf: 404 for an unknown order, else 502. */
    public int lazadaStatus(Throwable error) {
        LazadaApiException e = find(error, LazadaApiException.class);
        return e != null && e.kind() == LazadaErrorKind.NOT_FOUND ? 404 : 502;
    }

    public Map<String, Object> lazadaError(Throwable error) {
        LazadaApiException e = find(error, LazadaApiException.class);
        if (e == null) {
            return error("lazada_error", error.getClass().getSimpleName());
        }
        if (e.kind() == LazadaErrorKind.NOT_FOUND) {
            return error("lazada_not_found", "Lazada does not know this order (" + e.apiPath() + ")");
        }
        return error("lazada_" + e.kind().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Text fit for an answer or a log line: credential parameters masked. */
    public static String withoutSecrets(String text) {
        return text == null ? null : SECRET_PARAMS.matcher(text).replaceAll("$1=***");
    }
}
