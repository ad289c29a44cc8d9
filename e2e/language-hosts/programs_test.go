package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Each command of a test may install dependencies (npm, pip, Maven) the first time on a machine.
const commandTimeout = 10 * time.Minute

// TestProgramsRunUnderTheRealEngine runs a tiny program per language through the real pulumi CLI
// and these language hosts: `pulumi install`, `stack init`, `config set` (plain and secret),
// `up --yes` (a preview then an update), and reads the stack outputs back. Needs the shell of
// e2e/pulumi-env (`. e2e/pulumi-env && cd e2e/language-hosts && go test ./...`).
func TestProgramsRunUnderTheRealEngine(t *testing.T) {
	requirePulumiEnv(t)
	for _, language := range []string{"java", "nodejs", "python", "go"} {
		t.Run(language, func(t *testing.T) {
			t.Parallel()
			program := copyProgram(t, language)
			pulumi := pulumiIn(t, program)

			pulumi("install")
			pulumi("stack", "init", "dev")
			pulumi("config", "set", "name", "tester")
			pulumi("config", "set", "--secret", "token", "s3cret")
			pulumi("up", "--yes")

			if got, want := pulumi("stack", "output", "greeting"), "hello tester from "+language+" on dev"; got != want {
				t.Errorf("greeting = %q, want %q", got, want)
			}
			if got := pulumi("stack", "output", "secretLength", "--show-secrets"); got != "6" {
				t.Errorf("secretLength = %q, want 6", got)
			}
			var outputs map[string]any
			if err := json.Unmarshal([]byte(pulumi("stack", "output", "--json")), &outputs); err != nil {
				t.Fatal(err)
			}
			if outputs["secretLength"] != "[secret]" {
				t.Errorf("secretLength without --show-secrets = %v, want it hidden as [secret]", outputs["secretLength"])
			}
		})
	}
}

func requirePulumiEnv(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath("pulumi")
	if err == nil && os.Getenv("PULUMI_HOME") != "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("pulumi is not on the PATH or PULUMI_HOME is not set: source e2e/pulumi-env first")
	}
	t.Skip("needs the shell of e2e/pulumi-env (pulumi on the PATH, PULUMI_HOME set); source it first")
}

// copyProgram copies testdata/programs/LANGUAGE into a folder of its own.
func copyProgram(t *testing.T, language string) string {
	t.Helper()
	source := filepath.Join("testdata", "programs", language)
	target := filepath.Join(t.TempDir(), language)
	err := filepath.Walk(source, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(source, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(target, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(target, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return target
}

// pulumiIn returns a runner of pulumi commands in dir, on a backend of the test's own; it fails the
// test with the command's output when a command fails, and returns stdout without the newline.
func pulumiIn(t *testing.T, dir string) func(args ...string) string {
	backend := filepath.Join(t.TempDir(), "backend")
	if err := os.MkdirAll(backend, 0o755); err != nil {
		t.Fatal(err)
	}
	return func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, "pulumi", append(args, "--non-interactive")...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PULUMI_BACKEND_URL=file://"+backend)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				err = fmt.Errorf("no answer within %s", commandTimeout)
			}
			t.Fatalf("pulumi %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return strings.TrimSpace(stdout.String())
	}
}
