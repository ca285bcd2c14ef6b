package com.autograph.collaboration;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import com.autograph.testsupport.architecture.HouseRules;

/** The house rules (DESIGN.md) on this module's production classes. */
@AnalyzeClasses(packages = "com.autograph.collaboration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests houseRules = ArchTests.in(HouseRules.class);

}
