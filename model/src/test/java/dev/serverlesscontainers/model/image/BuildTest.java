package dev.serverlesscontainers.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTest {
    @TempDir
    Path src;

    @Test
    void nodeAppsStartWithTheirDevScriptLocallyAndStartScriptWhenDeployed() throws IOException {
        Files.writeString(src.resolve("package.json"), "{\"scripts\":{\"dev\":\"nodemon x.js\",\"start\":\"node x.js\"}}");
        DetectedApp app = AppDetector.detect(src);
        assertThat(app.kind()).isEqualTo(AppKind.NODE);
        assertThat(app.devCommand()).contains(List.of("npm", "run", "dev"));
        assertThat(app.reloadsItself()).isTrue();
        assertThat(app.productionCommand()).contains(List.of("npm", "start"));
    }

    @Test
    void nodeAppsFallBackToMainThenIndexJs() throws IOException {
        Files.writeString(src.resolve("package.json"), "{\"main\":\"server.js\"}");
        Files.writeString(src.resolve("server.js"), "");
        assertThat(AppDetector.detect(src).productionCommand()).contains(List.of("node", "server.js"));
        Files.writeString(src.resolve("package.json"), "{}");
        Files.writeString(src.resolve("index.js"), "");
        assertThat(AppDetector.detect(src).devCommand()).contains(List.of("node", "index.js"));
        Files.delete(src.resolve("index.js"));
        DetectedApp none = AppDetector.detect(src);
        assertThat(none.productionCommand()).isEmpty();
        assertThat(none.description()).isEqualTo("package.json has no start script or main, and there is no index.js");
    }

    @Test
    void pythonAppsAreRunWithUvicornOrFlaskWhenDeclared() throws IOException {
        Files.writeString(src.resolve("requirements.txt"), "fastapi\nuvicorn[standard]\n");
        Files.writeString(src.resolve("main.py"), "from fastapi import FastAPI\napi = FastAPI()\n");
        assertThat(AppDetector.detect(src).devCommand()).contains(List.of("uvicorn", "main:api", "--host", "0.0.0.0", "--port", "${PORT}"));
        Files.writeString(src.resolve("requirements.txt"), "flask\n");
        Files.writeString(src.resolve("main.py"), "from flask import Flask\napp = Flask(__name__)\n");
        assertThat(AppDetector.detect(src).devCommand()).contains(List.of("flask", "--app", "main:app", "run", "--host", "0.0.0.0", "--port", "${PORT}"));
        Files.writeString(src.resolve("main.py"), "print('plain')\n");
        assertThat(AppDetector.detect(src).devCommand()).contains(List.of("python3", "main.py"));
    }

    @Test
    void aFastApiAppWithTheFastapiCommandRunsWithFastapiRun() throws IOException {
        Files.writeString(src.resolve("requirements.txt"), "fastapi[standard]>=0.115\n");
        Files.writeString(src.resolve("main.py"), "from fastapi import FastAPI\napp = FastAPI()\n");
        DetectedApp app = AppDetector.detect(src);
        assertThat(app.devCommand()).contains(List.of("fastapi", "run", "main.py", "--host", "0.0.0.0", "--port", "${PORT}"));
        assertThat(app.description()).isEqualTo("FastAPI app main:app (fastapi run)");
        Files.delete(src.resolve("requirements.txt"));
        Files.writeString(src.resolve("pyproject.toml"), "[project]\ndependencies = [\"fastapi-cli\", \"fastapi\"]\n");
        assertThat(AppDetector.detect(src).devCommand()).contains(List.of("fastapi", "run", "main.py", "--host", "0.0.0.0", "--port", "${PORT}"));
    }

    @Test
    void aDockerfileSaysWhatTheImageRunsAsDockerCombinesIt() {
        assertThat(DockerfileCommand.parse("""
                FROM node:20 AS build
                CMD ["npm", "test"]
                FROM node:20-slim
                WORKDIR /app
                COPY . .
                EXPOSE 8080/tcp 9229
                ENTRYPOINT ["node"]
                CMD ["/app/src/index.js", "--flag"]
                """, java.util.Optional.empty())).contains(new DockerfileCommand(List.of("node", "src/index.js", "--flag"),
                java.util.OptionalInt.of(8080)));
        assertThat(DockerfileCommand.parse("""
                FROM denoland/deno AS awsLambda
                CMD deno run \\
                    --allow-net main.ts
                FROM denoland/deno AS awsFargateEcs
                CMD ["deno", "run", "-A", "main.ts"]
                """, java.util.Optional.of("awsLambda"))).contains(new DockerfileCommand(List.of("sh", "-c", "deno run --allow-net main.ts"),
                java.util.OptionalInt.empty()));
        assertThat(DockerfileCommand.parse("FROM python:3\nENTRYPOINT python app.py\nCMD [\"ignored\"]\n", java.util.Optional.empty()))
                .as("a shell-form ENTRYPOINT ignores CMD").contains(new DockerfileCommand(List.of("sh", "-c", "python app.py"),
                        java.util.OptionalInt.empty()));
        assertThat(DockerfileCommand.parse("FROM scratch\nCOPY x /x\n", java.util.Optional.empty())).isEmpty();
    }

    @Test
    void aMavenProjectIsBuiltAtEveryStartEvenWithAJarInTarget() throws IOException {
        Files.writeString(src.resolve("pom.xml"), "<project/>");
        Files.createDirectories(src.resolve("target"));
        Files.writeString(src.resolve("target/app-1.0.jar"), "built before the sources changed");
        DetectedApp app = AppDetector.detect(src);
        assertThat(app.kind()).isEqualTo(AppKind.JAVA);
        assertThat(app.devCommand()).contains(List.of("sh", "-c", "mvn -q -B -DskipTests package && exec java -jar " + AppDetector.BUILT_JAR));
        assertThat(app.productionCommand()).isEqualTo(app.devCommand());
        assertThat(app.description()).isEqualTo("Maven project (built with mvn package, then java -jar)");

        String dockerfile = DockerfileGenerator.generate(src, app, BaseImages.DEFAULTS).orElseThrow();
        assertThat(dockerfile).contains("FROM maven:3.9-eclipse-temurin-21 AS scf-build\n",
                "RUN mvn -q -B -DskipTests package && cp " + AppDetector.BUILT_JAR + " /build/app.jar\n",
                "COPY --from=scf-build /build/app.jar /app/app.jar\n", "CMD [\"sh\", \"-c\", \"exec java -jar /app/app.jar\"]")
                .doesNotContain("COPY target/");
    }

    @Test
    void aJarWithoutAPomRunsAsItIs() throws IOException {
        Files.createDirectories(src.resolve("target"));
        Files.writeString(src.resolve("target/app-1.0-sources.jar"), "");
        Files.writeString(src.resolve("target/app-1.0.jar"), "");
        DetectedApp app = AppDetector.detect(src);
        assertThat(app.kind()).isEqualTo(AppKind.JAVA);
        assertThat(app.devCommand()).contains(List.of("java", "-jar", "target/app-1.0.jar"));
        assertThat(app.description()).isEqualTo("runnable jar target/app-1.0.jar");
        assertThat(DockerfileGenerator.generate(src, app, BaseImages.DEFAULTS).orElseThrow())
                .contains("FROM eclipse-temurin:21-jre\n", "COPY target/app-1.0.jar /app/app.jar\n").doesNotContain("mvn");
    }

    @Test
    void theBuiltJarIsTheNewestThatIsNotSourcesJavadocTestsOrTheShadeOriginal() throws Exception {
        Path target = Files.createDirectories(src.resolve("target"));
        long now = System.currentTimeMillis();
        String[] oldestFirst = {"app-0.9.jar", "app-1.0.jar", "original-app-1.0.jar", "app-1.0-sources.jar", "app-1.0-javadoc.jar",
            "app-1.0-tests.jar"};
        for (int i = 0; i < oldestFirst.length; i++) {
            Files.writeString(target.resolve(oldestFirst[i]), "");
            Files.setLastModifiedTime(target.resolve(oldestFirst[i]), FileTime.fromMillis(now - 60_000 + i * 1000L));
        }
        Process sh = new ProcessBuilder("sh", "-c", "printf %s " + AppDetector.BUILT_JAR).directory(src.toFile()).start();
        assertThat(new String(sh.getInputStream().readAllBytes())).isEqualTo("target/app-1.0.jar");
        assertThat(sh.waitFor()).isZero();
    }

    @Test
    void anUnknownFolderSaysWhatWasLookedFor() {
        DetectedApp app = AppDetector.detect(src);
        assertThat(app.kind()).isEqualTo(AppKind.UNKNOWN);
        assertThat(app.description()).contains("package.json", "requirements.txt", "pom.xml");
        assertThat(DockerfileGenerator.generate(src, app, BaseImages.DEFAULTS)).isEmpty();
    }

    @Test
    void generatedNodeDockerfileListensOnPort8080AndUsesTheConfiguredBase() throws IOException {
        Files.writeString(src.resolve("package.json"), "{\"scripts\":{\"start\":\"node index.js\"}}");
        BaseImages images = BaseImages.from(Map.of(BaseImages.NODE_VARIABLE, "local/node:test"));
        String dockerfile = DockerfileGenerator.generate(src, AppDetector.detect(src), images).orElseThrow();
        assertThat(dockerfile).contains("FROM local/node:test\n", "ENV NODE_ENV=production PORT=8080\n",
                "npm install --omit=dev --no-audit --no-fund", "CMD [\"sh\", \"-c\", \"exec npm start\"]");
    }

    @Test
    void generatedPythonDockerfileInstallsRequirementsAndExpandsPortAtRunTime() throws IOException {
        Files.writeString(src.resolve("requirements.txt"), "uvicorn\nfastapi\n");
        Files.writeString(src.resolve("app.py"), "from fastapi import FastAPI\napp = FastAPI()\n");
        String dockerfile = DockerfileGenerator.generate(src, AppDetector.detect(src), BaseImages.DEFAULTS).orElseThrow();
        assertThat(dockerfile).contains("FROM python:3.12-slim", "RUN pip install --no-cache-dir -r requirements.txt",
                "CMD [\"sh\", \"-c\", \"exec uvicorn app:app --host 0.0.0.0 --port ${PORT}\"]");
    }

    @Test
    void theLambdaVariantStartsFromTheAppStageAndAddsTheAdapter() {
        String plain = "FROM node:20\nCOPY . .\nCMD [\"node\",\"x.js\"]\n";
        DockerfileGenerator.Dockerfile lambda = DockerfileGenerator.withLambdaAdapter(plain, Optional.empty(), "/health", BaseImages.DEFAULTS);
        assertThat(lambda.target()).contains("scf-lambda");
        assertThat(lambda.text()).startsWith("FROM node:20 AS scf-app\n").contains(
                "FROM scf-app AS scf-lambda\n",
                "COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1 /lambda-adapter /opt/extensions/lambda-adapter\n",
                "ENV AWS_LWA_PORT=8080 AWS_LWA_READINESS_CHECK_PATH=/health AWS_LWA_ASYNC_INIT=true\n");

        String staged = "FROM node:20 AS build\nRUN x\nFROM node:20-slim AS awsLambda\nCOPY --from=build /a /a\nFROM node:20-slim AS awsFargateEcs\n";
        assertThat(DockerfileGenerator.withLambdaAdapter(staged, Optional.of("awsLambda"), "/", BaseImages.DEFAULTS).text())
                .contains("FROM awsLambda AS scf-lambda").doesNotContain("AS scf-app");
    }

    @Test
    void theHashFollowsContentsNotTimesAndHonoursDockerignore() throws IOException {
        Files.writeString(src.resolve("index.js"), "console.log(1)");
        Files.createDirectories(src.resolve("node_modules/x"));
        Files.writeString(src.resolve("node_modules/x/a.js"), "1");
        Files.writeString(src.resolve(".dockerignore"), "node_modules\n*.log\n!keep.log\n");
        String first = SourceHash.of(src, DockerIgnore.of(src), List.of("args"));

        Files.setLastModifiedTime(src.resolve("index.js"), FileTime.fromMillis(0));
        Files.writeString(src.resolve("node_modules/x/a.js"), "2");
        Files.writeString(src.resolve("debug.log"), "noise");
        assertThat(SourceHash.of(src, DockerIgnore.of(src), List.of("args"))).isEqualTo(first);

        Files.writeString(src.resolve("keep.log"), "kept");
        String withKept = SourceHash.of(src, DockerIgnore.of(src), List.of("args"));
        assertThat(withKept).isNotEqualTo(first);
        assertThat(SourceHash.of(src, DockerIgnore.of(src), List.of("other args"))).isNotEqualTo(withKept);
        Files.writeString(src.resolve("index.js"), "console.log(2)");
        assertThat(SourceHash.of(src, DockerIgnore.of(src), List.of("args"))).isNotEqualTo(withKept);
        assertThat(SourceHash.tag(first)).hasSize(16);
    }

    @Test
    void dockerignorePatternsFollowDockerRules() {
        DockerIgnore ignore = DockerIgnore.parse(List.of("# comment", "/build/", "**/*.tmp", "docs/*.md", "!docs/README.md", "?.bak"));
        assertThat(ignore.excludes("build/out.jar")).isTrue();
        assertThat(ignore.excludes("src/build/x")).isFalse();
        assertThat(ignore.excludes("a/b/c.tmp")).isTrue();
        assertThat(ignore.excludes("x.tmp")).isTrue();
        assertThat(ignore.excludes("docs/guide.md")).isTrue();
        assertThat(ignore.excludes("docs/README.md")).isFalse();
        assertThat(ignore.excludes("docs/sub/guide.md")).isFalse();
        assertThat(ignore.excludes("a.bak")).isTrue();
        assertThat(ignore.excludes("ab.bak")).isFalse();
        assertThat(DockerIgnore.folders(List.of("node_modules")).excludes("deep/node_modules/x.js")).isTrue();
    }
}
