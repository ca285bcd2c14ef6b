package com.autograph.auth.mfa;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface BackupCodeRepository extends JpaRepository<BackupCode, UUID> {

    @Query("SELECT c FROM BackupCode c WHERE c.userId = :userId AND c.usedAt IS NULL")
    List<BackupCode> findUnused(UUID userId);

    @Modifying
    @Query("DELETE FROM BackupCode c WHERE c.userId = :userId")
    int deleteAllOf(UUID userId);

}
