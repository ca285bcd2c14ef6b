package com.autograph.diagram.file;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface DiagramFileRepository extends JpaRepository<DiagramFile, UUID> {

    /**
     * The file with its row locked until the transaction ends: content writes to one file
     * run one after another, so the versions they make are numbered without gaps and each
     * write sees the head the previous one left.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT f FROM DiagramFile f WHERE f.id = :id")
    Optional<DiagramFile> findForUpdate(@Param("id") UUID id);

}
