package com.autograph.auth.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<User, UUID> {

    /** Emails are stored normalised (lower case), and unique regardless of case. */
    Optional<User> findByEmail(String email);

    boolean existsByEmail(String email);

    /** Rows of (team_id, role). */
    @Query(value = "SELECT team_id, role FROM team_members WHERE user_id = :userId ORDER BY team_id",
            nativeQuery = true)
    List<Object[]> findTeamRoles(UUID userId);

}
