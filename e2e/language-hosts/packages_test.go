package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repository is the root of this project, whose PulumiPlugin.yaml (runtime: java) makes it a plugin.
func repository(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestGenSdkWritesNodejsPythonAndGoAndRefusesJavaSayingWhy generates the package's SDKs from
// schema.json through the language hosts' GeneratePackage, as `pulumi package gen-sdk` does.
func TestGenSdkWritesNodejsPythonAndGoAndRefusesJavaSayingWhy(t *testing.T) {
	requirePulumiEnv(t)
	schema := filepath.Join(repository(t), "schema.json")
	out := t.TempDir()
	pulumi := pulumiIn(t, out)
	for language, file := range map[string]string{
		"nodejs": "nodejs/serverlessContainers.ts",
		"python": "python/pulumi_serverless_containers/serverless_containers.py",
		"go":     "go/serverlesscontainers/serverlessContainers.go",
	} {
		pulumi("package", "gen-sdk", schema, "--language", language, "--out", out)
		if _, err := os.Stat(filepath.Join(out, file)); err != nil {
			t.Errorf("gen-sdk --language %s: %v", language, err)
		}
	}

	cmd := exec.Command("pulumi", "package", "gen-sdk", schema, "--language", "java", "--out", out)
	output, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(output), "pulumi-java, which cannot be built here") {
		t.Errorf("gen-sdk --language java: %v, output:\n%s\nwant a failure that says why", err, output)
	}
}

// TestPackageAddFromTheRepositoryRunsThePluginFromSourceAndLinksTheSdk runs `pulumi package add`
// with the repository's folder: the Java host compiles and starts the plugin from source (RunPlugin),
// the engine reads its schema, the program's host generates the SDK and links it into the program.
// One language after the other: each compiles the repository with Maven in its own target folders.
func TestPackageAddFromTheRepositoryRunsThePluginFromSourceAndLinksTheSdk(t *testing.T) {
	requirePulumiEnv(t)
	root := repository(t)
	for language, linked := range map[string]struct{ file, text string }{
		"nodejs": {"package.json", `"@serverless-containers/pulumi": "file:sdks/serverless-containers"`},
		"python": {"requirements.txt", "sdks/serverless-containers"},
		"go":     {"go.mod", "=> ./sdks/serverless-containers"},
	} {
		t.Run(language, func(t *testing.T) {
			program := copyProgram(t, language)
			pulumi := pulumiIn(t, program)
			pulumi("package", "add", root)

			project := read(t, filepath.Join(program, "Pulumi.yaml"))
			if !strings.Contains(project, "serverless-containers: "+root) {
				t.Errorf("Pulumi.yaml does not record the package's source:\n%s", project)
			}
			if text := read(t, filepath.Join(program, linked.file)); !strings.Contains(text, linked.text) {
				t.Errorf("%s does not link the generated SDK (want %q):\n%s", linked.file, linked.text, text)
			}
		})
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
