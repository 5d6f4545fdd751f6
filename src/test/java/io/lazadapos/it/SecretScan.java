package io.lazadapos.it;

import java.util.ArrayList;
import java.util.List;

import io.lazadapos.sandbox.LazadaSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/** Looks for the app secret and every token the sandbox ever issued in a text (logs, API answers). */
final class SecretScan {

    private SecretScan() {
    }

    static List<String> secretsOf(LazadaSandbox lazada) {
        List<String> secrets = new ArrayList<>(lazada.issuedTokens());
        secrets.add(lazada.settings().appSecret());
        return secrets;
    }

    static void assertNoSecrets(String text, LazadaSandbox lazada) {
        assertThat(text).as("the text to scan").isNotEmpty();
        for (String secret : secretsOf(lazada)) {
            assertThat(text).as("a secret (%s characters) in the text", secret.length()).doesNotContain(secret);
        }
        // Nothing even tried to log a signed URL or a token answer (the log pattern would have masked it).
        assertThat(text).doesNotContain("access_token=").doesNotContain("refresh_token=").doesNotContain("\"access_token\"");
    }
}
