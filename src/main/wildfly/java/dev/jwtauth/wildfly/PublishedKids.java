package dev.jwtauth.wildfly;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The kids jwt-auth publishes, as the application announces them in the platform MBean server
 * ({@code dev.jwtauth:type=PublishedKeys}, attribute {@code Kids}): JDK types only, since the application's classes are
 * not visible to this module. Before the application has announced anything, every kid may be published.
 */
final class PublishedKids {

    private static final ObjectName NAME = objectName();

    private PublishedKids() {
    }

    static boolean mayBePublished(String kid) {
        try {
            Object kids = ManagementFactory.getPlatformMBeanServer().getAttribute(NAME, "Kids");
            return !(kids instanceof String[] published) || Arrays.asList(published).contains(kid);
        } catch (JMException | SecurityException notAnnounced) {
            return true;
        }
    }

    /** True when the application announces exactly one kid, or has announced nothing yet. */
    static boolean oneKeyPublished() {
        try {
            Object kids = ManagementFactory.getPlatformMBeanServer().getAttribute(NAME, "Kids");
            return !(kids instanceof String[] published) || published.length == 1;
        } catch (JMException | SecurityException notAnnounced) {
            return true;
        }
    }

    /** The kid of a compact JWS's header, or null when there is none or the token is malformed (SmallRye says 401). */
    static String kidOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return JsonUtil.parseJson(header).get("kid") instanceof String kid ? kid : null;
        } catch (IllegalArgumentException | JoseException | ClassCastException malformed) {
            return null;
        }
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName("dev.jwtauth:type=PublishedKeys");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
