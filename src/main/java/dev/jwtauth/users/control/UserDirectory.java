package dev.jwtauth.users.control;

import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The JPA repository of users: look-ups by name and id, and pages for the administrators. */
@ApplicationScoped
public class UserDirectory {

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Transactional
    public Optional<User> byUsername(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("key", User.keyOf(username))
                .getResultStream().findFirst();
    }

    /**
     * A read: it joins a caller's transaction but starts none of its own, so the busiest read (every
     * {@code /api/me}) costs no JTA transaction. The user it returns is detached when no transaction is running.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<User> byId(String id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    @Transactional
    public List<User> page(int page, int size) {
        return em.createNamedQuery(User.ALL, User.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
    }

    @Transactional
    public long count() {
        return em.createNamedQuery(User.COUNT, Long.class).getSingleResult();
    }

    /**
     * Inserts the user unless the name is taken. The unique index decides a race: the losing insert fails at the
     * flush, which marks the transaction for rollback, and the answer is false as for a name seen taken. Any other
     * failure is not a taken name and goes on as it is.
     */
    @Transactional
    public boolean addIfNameFree(User user) {
        if (byUsername(user.username()).isPresent()) {
            return false;
        }
        try {
            em.persist(user);
            em.flush();
            return true;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // SQLState 23505, unique_violation, on H2 and PostgreSQL alike
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Transactional
    public void changePasswordHash(String userId, String newHash) {
        byId(userId).ifPresent(user -> user.changePasswordHash(newHash));
    }

    /** Replaces the hash only if it is still the expected one (compare and set, under the row lock). */
    @Transactional
    public boolean replacePasswordHash(String userId, String expectedHash, String newHash) {
        var user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null || !user.passwordHash().equals(expectedHash)) {
            return false;
        }
        user.changePasswordHash(newHash);
        return true;
    }

    /**
     * The ids of the enabled administrators, their rows locked until the transaction ends. Native SQL: the roles
     * are one column (RolesConverter), which JPQL compares only whole.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> lockEnabledAdministrators() {
        return em.createNativeQuery("SELECT id FROM users WHERE disabled = FALSE AND roles LIKE '%admin%' FOR UPDATE")
                .getResultList();
    }

    @Transactional
    public Optional<User> update(String username, java.util.function.Consumer<User> change) {
        var user = byUsername(username);
        user.ifPresent(change);
        return user;
    }

    @Transactional
    public Optional<User> remove(String username) {
        var user = byUsername(username);
        user.ifPresent(em::remove);
        return user;
    }
}
