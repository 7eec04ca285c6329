package dev.jwtauth.users.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashingTest {

    // OWASP's minimum, as configured by default
    private final PasswordHashing hashing = new PasswordHashing(19456, 2, 1);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = hashing.hash("correct horse battery staple");
        assertTrue(hashing.verify("correct horse battery staple", hash));
        assertFalse(hashing.verify("correct horse battery stapler", hash));
    }

    @Test
    void theParametersTravelWithTheHash() {
        String hash = hashing.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hashing.hash("same password here"), hashing.hash("same password here"));
    }

    @Test
    void aHashMadeWithWeakerParametersIsOutdatedButStillVerifies() {
        var weaker = new PasswordHashing(8192, 1, 1);
        String old = weaker.hash("an older password");
        assertTrue(hashing.isOutdated(old));
        assertTrue(hashing.verify("an older password", old));
        assertFalse(hashing.isOutdated(hashing.hash("a current password")));
    }

    @Test
    void anythingThatIsNotOurHashNeverVerifies() {
        for (String junk : new String[]{null, "", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA",
                "$argon2id$v=19$m=x,t=2,p=1$AA$AA", "$argon2id$v=19$m=0,t=2,p=1$AA$AA", "$argon2id$v=19$q=1$AA$AA"}) {
            assertFalse(hashing.verify("anything at all", junk), String.valueOf(junk));
            assertTrue(hashing.isOutdated(junk));
        }
    }

    @Test
    void nonAsciiPasswordsWork() {
        String hash = hashing.hash("пароль密码😀пароль密码");
        assertTrue(hashing.verify("пароль密码😀пароль密码", hash));
        assertFalse(hashing.verify("пароль密码😀пароль密", hash));
    }
}
