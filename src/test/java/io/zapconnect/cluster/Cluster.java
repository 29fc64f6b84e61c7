package io.zapconnect.cluster;

import io.zapconnect.store.TestPostgreSQL;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The cluster test bed, started once for the test JVM and stopped as it ends: a real PostgreSQL,
 * the Zapier emulator in a JVM of its own, two Zapconnect servers ({@code zapconnect1},
 * {@code zapconnect2}, assembled by the build) and HAProxy in front of them, terminating TLS with a
 * certificate made here, round robin, no stickiness. Tests talk to the balancer only.
 *
 * <p>The balancer names the server that answered in {@code X-Served-By}, and sends a request to the
 * server named in {@code X-Cluster-Node} when a test must choose (a connect started on one server
 * and called back on the other); both are test configuration, not the product's.
 */
public final class Cluster {

    public static final String NODE_HEADER = "X-Cluster-Node";
    public static final List<String> NODES = List.of("zapconnect1", "zapconnect2");
    static final String LTPA_PASSWORD = "cluster-ltpa-password";
    /** A token store key of the test bed's own: base64 of 32 bytes, never the demo's. */
    static final String TOKEN_STORE_KEY = "Y2x1c3Rlci10ZXN0LWJlZC1rZXktMzItYnl0ZXMhISE=";
    static final String DATABASE = "zapconnect_cluster";

    private static Cluster running;

    private final Path dir = Path.of(System.getProperty("cluster.dir", "target/cluster")).toAbsolutePath();
    private final Path wlp = Path.of(System.getProperty("cluster.wlp", "target/liberty/wlp")).toAbsolutePath();
    private final int balancerPort = Integer.getInteger("cluster.balancer.port", 9543);
    private final int emulatorPort = Integer.getInteger("cluster.emulator.port", 9480);
    private final Map<String, Integer> nodePorts = new TreeMap<>(Map.of(
            "zapconnect1", Integer.getInteger("cluster.node1.port", 9481),
            "zapconnect2", Integer.getInteger("cluster.node2.port", 9482)));
    private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int postgresPort;
    private SSLContext tls;
    private Process haproxy;

    private Cluster() {
    }

    /** The running test bed, started at first use. */
    public static synchronized Cluster get() {
        if (running == null) {
            Cluster cluster = new Cluster();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
            cluster.start();
            running = cluster;
        }
        return running;
    }

    /** The application's URL through the balancer: {@code https://localhost:<port>/<context>}. */
    public String url(String context) {
        return "https://localhost:" + balancerPort + context;
    }

    /**
     * The emulator's base URL (Zapier's, for the tests): {@code http://127.0.0.1:<port>}. Another host
     * name than the balancer's, as Zapier's is: cookies are kept per host whatever the port, and the
     * emulator's server would drop a sign-in cookie of ours it cannot read.
     */
    public String emulator() {
        return "http://127.0.0.1:" + emulatorPort;
    }

    /** TLS that trusts the balancer's certificate, and nothing else. */
    public SSLContext tls() {
        return tls;
    }

    /** The balancer's certificate, PEM, for a browser that must trust it. */
    public Path certificate() {
        return dir.resolve("balancer-cert.pem");
    }

    /** Stops one server and starts it again: what a rolling deploy does to each in turn. */
    public void restart(String node) {
        stopServer(node);
        startServer(node);
        awaitBalancerSees(node);
    }

    /** Stops one server; {@link #startServer} brings it back. */
    public void stopServer(String node) {
        run(List.of(wlp.resolve("bin/server").toString(), "stop", node), Map.of(), Duration.ofMinutes(2));
        awaitBalancerDrops(node);
    }

    /** Starts one server and waits until the balancer sends it requests again. */
    public void startServer(String node) {
        int port = nodePorts.get(node);
        run(List.of(wlp.resolve("bin/server").toString(), "start", node), Map.of(
                "HTTP_PORT", String.valueOf(port),
                "HTTPS_PORT", String.valueOf(port + 10),
                "ZAPCONNECT_PG_PORT", String.valueOf(postgresPort),
                "ZAPCONNECT_PG_DATABASE", DATABASE,
                "ZAPCONNECT_LTPA_PASSWORD", LTPA_PASSWORD,
                "ZAPCONNECT_OAUTH_CLIENT_SECRET", System.getProperty("cluster.oauth.secret", ""),
                "ZAPCONNECT_TOKEN_STORE_KEY", TOKEN_STORE_KEY), Duration.ofMinutes(3));
        awaitReady("http://127.0.0.1:" + port + "/health/ready");
        awaitBalancerSees(node);
    }

    private void start() {
        try {
            Files.createDirectories(dir);
            postgresPort = TestPostgreSQL.port();
            try (Connection connection = TestPostgreSQL.dataSource().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.executeUpdate("DROP DATABASE IF EXISTS " + DATABASE);
                sql.executeUpdate("CREATE DATABASE " + DATABASE);
            }
            // One set of LTPA keys for both servers: a sign-in on one is good on the other; new each run.
            Files.deleteIfExists(dir.resolve("ltpa.keys"));
            run(List.of(wlp.resolve("bin/securityUtility").toString(), "createLTPAKeys",
                    "--file=" + dir.resolve("ltpa.keys"), "--password=" + LTPA_PASSWORD), Map.of(), Duration.ofMinutes(1));
            makeCertificate();
            run(List.of(wlp.resolve("bin/server").toString(), "start", "zapierEmulator"), Map.of(),
                    Duration.ofMinutes(3));
            awaitReady(emulator() + "/health/ready");
            startHaproxy();
            for (String node : NODES) {
                startServer(node);
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("The cluster test bed did not start: " + e.getMessage(), e);
        }
    }

    private void stop() {
        if (haproxy != null) {
            haproxy.destroy();
        }
        for (String server : List.of("zapconnect1", "zapconnect2", "zapierEmulator")) {
            try {
                run(List.of(wlp.resolve("bin/server").toString(), "stop", server), Map.of(), Duration.ofMinutes(2));
            } catch (RuntimeException stopping) {
                // the JVM ends anyway
            }
        }
    }

    /** A self-signed certificate for localhost, by openssl, as PEM for HAProxy and trusted by our client. */
    private void makeCertificate() throws Exception {
        Path key = dir.resolve("balancer-key.pem");
        Path cert = certificate();
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(), "-out",
                cert.toString()), Map.of(), Duration.ofMinutes(1));
        Files.writeString(dir.resolve("balancer.pem"), Files.readString(cert) + Files.readString(key));
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("balancer", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
    }

    private void startHaproxy() throws IOException {
        String config = """
                global
                    maxconn 4096
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 120s
                    timeout server 120s
                    option redispatch
                    retries 3
                    retry-on conn-failure empty-response
                frontend https
                    bind 127.0.0.1:%d ssl crt %s
                    option forwardfor
                    http-request set-header X-Forwarded-Proto https
                    default_backend zapconnect
                backend zapconnect
                    balance roundrobin
                    option httpchk GET /health/ready
                    default-server inter 500ms fall 1 rise 1
                    use-server zapconnect1 if { req.hdr(%s) zapconnect1 }
                    use-server zapconnect2 if { req.hdr(%s) zapconnect2 }
                    http-response set-header X-Served-By %%[srv_name]
                    server zapconnect1 127.0.0.1:%d check
                    server zapconnect2 127.0.0.1:%d check
                """.formatted(balancerPort, dir.resolve("balancer.pem"), NODE_HEADER, NODE_HEADER,
                nodePorts.get("zapconnect1"), nodePorts.get("zapconnect2"));
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    }

    /** Waits until the balancer answers through this server (its health check passed). */
    private void awaitBalancerSees(String node) {
        awaitBalancer(node, true);
    }

    private void awaitBalancerDrops(String node) {
        awaitBalancer(node, false);
    }

    private void awaitBalancer(String node, boolean up) {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url("/zapconnect/api/config")))
                        .header(NODE_HEADER, node).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                boolean served = node.equals(answer.headers().firstValue("X-Served-By").orElse(""));
                if (served == up) {
                    return;
                }
            } catch (IOException notYet) {
                // the balancer itself is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException("The balancer did not " + (up ? "take " : "drop ") + node + " in time; see "
                + dir.resolve("haproxy.log"));
    }

    private void awaitReady(String health) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(URI.create(health))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(health + " did not become ready: " + last);
    }

    /** Polling between checks of a server's state: nothing else to wait on from outside its JVM. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command, Map<String, String> environment, Duration limit) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " took too long");
            }
            if (process.exitValue() != 0 && !(command.contains("stop") && process.exitValue() == 1)) {
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " failed (" + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
