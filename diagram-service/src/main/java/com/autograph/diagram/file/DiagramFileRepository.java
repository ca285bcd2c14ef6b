package com.autograph.diagram.file;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DiagramFileRepository extends JpaRepository<DiagramFile, UUID> {
}
