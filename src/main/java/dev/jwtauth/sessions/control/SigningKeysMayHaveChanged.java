package dev.jwtauth.sessions.control;

/**
 * Fired when the signing keys should be read again: another instance announced a rotation, the listening connection
 * is new (announcements may have been missed), or the periodic catch-up is due. The keys observe it; the channel
 * that carries revocations carries rotations too, without depending on the keys.
 */
public record SigningKeysMayHaveChanged() {
}
