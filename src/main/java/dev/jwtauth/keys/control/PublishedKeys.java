package dev.jwtauth.keys.control;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces the published kids in the platform MBean server. WildFly's verifier consults it to refuse a token whose
 * kid the service never published without fetching the JWKS again (an anonymous client could otherwise make each
 * such token cost a fetch), while a key from a rotation is known the moment this instance publishes it.
 */
final class PublishedKeys implements PublishedKeysMBean {

    static final String OBJECT_NAME = "dev.jwtauth:type=PublishedKeys";
    private static final Logger LOG = Logger.getLogger(PublishedKeys.class.getName());

    private volatile String[] kids = new String[0];

    @Override
    public String[] getKids() {
        return kids.clone();
    }

    void announce(List<String> published) {
        kids = published.toArray(String[]::new);
    }

    void register() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new ObjectName(OBJECT_NAME);
            // a redeployment replaces the previous application's instance
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (JMException | SecurityException e) {
            LOG.log(Level.WARNING, "Cannot announce the published keys in the platform MBean server", e);
        }
    }

    void unregister() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | SecurityException e) {
            LOG.log(Level.FINE, "Cannot withdraw the published keys from the platform MBean server", e);
        }
    }
}
