package com.autograph.document.code;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The diagram languages on the class path (registered in META-INF/services), by id. */
public final class DiagramLanguages {

    private DiagramLanguages() {
    }

    /** Every registered language, ordered by id. */
    public static List<DiagramLanguage> all() {
        List<DiagramLanguage> all = new ArrayList<>();
        ServiceLoader.load(DiagramLanguage.class, DiagramLanguages.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(DiagramLanguage::id));
        return List.copyOf(all);
    }

    public static Optional<DiagramLanguage> find(String id) {
        return all().stream().filter(l -> l.id().equals(id)).findFirst();
    }

}
