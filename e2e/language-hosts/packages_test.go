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

// `pulumi package add` of the repository (the Java host running the plugin from source, the SDK
// generated and linked) is proven by the engine tests in e2e/engine-tests, from a nodejs, a python and
// a go program that then deploy with the linked SDK (TypeScriptProgramIT, PythonProgramIT, GoProgramIT).
