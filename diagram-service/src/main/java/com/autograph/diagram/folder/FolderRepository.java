package com.autograph.diagram.folder;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface FolderRepository extends JpaRepository<Folder, UUID> {

}
