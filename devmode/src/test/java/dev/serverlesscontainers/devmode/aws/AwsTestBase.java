package dev.serverlesscontainers.devmode.aws;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Gives each test a fresh {@link AwsFixture} (local STS, project, home folder, captured output) and closes it. */
abstract class AwsTestBase {
    @TempDir
    Path temp;

    AwsFixture aws;

    @BeforeEach
    void startFixture() throws Exception {
        aws = new AwsFixture(temp);
    }

    @AfterEach
    void closeFixture() {
        aws.close();
    }
}
