package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the sandbox in the WAR but not turned on, nothing of it answers. */
@ExtendWith(ArquillianExtension.class)
class SandboxDisabledIT {

    static final String NAME = "sandbox-off-it";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.javaApiWithSandbox(NAME, Map.of("zapconnect.sandbox.tokens", "t:someone"));
    }

    @Test
    @RunAsClient
    void everySandboxPathAnswers404() {
        String base = "/" + NAME + "/sandbox";
        assertEquals(404, Http.get(base + "/v2/apps", "t").statusCode());
        assertEquals(404, Http.postJson(base + "/v2/authentications", "t", "{}").statusCode());
        // An enabled sandbox shows its sign-in page here; only a disabled one answers 404.
        assertEquals(404, Http.get(base + "/v2/authorize?response_type=code&client_id=sandbox-client&redirect_uri="
                + "http%3A%2F%2Flocalhost%3A9080%2Fzapconnect%2Fapi%2Fzapier%2Fcallback", null).statusCode());
        assertEquals(404, Http.get(base + "/assets/close.js", null).statusCode());
        assertEquals(404, Http.send("PUT", base + "/knobs", "t", "application/json", "{}").statusCode());
        assertEquals(404, Http.send("POST", base + "/oauth/token/", null, "application/x-www-form-urlencoded",
                "grant_type=x").statusCode());
    }
}
