package com.autograph.diagram.share;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ShareRepository extends JpaRepository<Share, UUID> {

    Optional<Share> findByFileIdAndSharedWithUserId(UUID fileId, UUID userId);

    Optional<Share> findByToken(String token);

    List<Share> findByFileIdOrderByCreatedAt(UUID fileId);

}
