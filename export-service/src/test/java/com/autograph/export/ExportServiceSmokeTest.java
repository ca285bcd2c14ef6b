package com.autograph.export;

import java.util.List;

import com.autograph.testsupport.AbstractServiceSmokeTest;

class ExportServiceSmokeTest extends AbstractServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "export-service";
    }

    @Override
    protected List<String> dependencies() {
        return List.of("redis", "s3");
    }
}
