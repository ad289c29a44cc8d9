package sim

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestContextDigestFollowsFileContentsNotTimesAndHonoursDockerignore(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Dockerfile", "FROM scratch\n")
	write("app.js", "console.log(1)")
	write(".dockerignore", "node_modules\n**/*.log\n")
	write("node_modules/x/index.js", "a")
	build := map[string]any{"context": dir}
	first, err := ImageBuildDefaults(build)
	if err != nil {
		t.Fatal(err)
	}
	if first["platform"] == "" {
		t.Error("a build without platform gets the host's")
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "app.js"), later, later)
	write("node_modules/x/index.js", "b")
	write("debug.log", "noise")
	same, _ := ImageBuildDefaults(build)
	if same["contextDigest"] != first["contextDigest"] {
		t.Error("times and ignored files must not change the digest")
	}
	write("app.js", "console.log(2)")
	changed, _ := ImageBuildDefaults(build)
	if changed["contextDigest"] == first["contextDigest"] {
		t.Error("a changed source file changes the digest")
	}
	write("Dockerfile", "FROM scratch\nENV A=1\n")
	again, _ := ImageBuildDefaults(build)
	if again["contextDigest"] == changed["contextDigest"] {
		t.Error("a changed Dockerfile changes the digest")
	}
	if _, err := ImageBuildDefaults(map[string]any{"context": dir, "dockerfile": filepath.Join(dir, "nope")}); err == nil {
		t.Error("a missing Dockerfile is an error")
	}
}

func TestImageDigestChangesWithBuildArgs(t *testing.T) {
	a := newAccount(t, "us-east-1")
	mustCreate(t, a, tRepo, "r", map[string]any{"name": "r"})
	name := DefaultAccountID + ".dkr.ecr.us-east-1.amazonaws.com/r:v1"
	one := mustCreate(t, a, tImage, "i", map[string]any{"imageName": name, "build": map[string]any{"contextDigest": "c", "args": map[string]any{"A": "1"}}})
	two := mustCreate(t, a, tImage, "j", map[string]any{"imageName": name, "build": map[string]any{"contextDigest": "c", "args": map[string]any{"A": "2"}}})
	if one.Outputs["repoDigest"] == two.Outputs["repoDigest"] {
		t.Error("build args are part of the image")
	}
}
