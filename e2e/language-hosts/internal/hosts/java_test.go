package hosts

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"
)

func TestJavaProjectWithoutPomIsRefusedWithWhatIsSupported(t *testing.T) {
	dir := t.TempDir()
	_, _, err := javaLauncher(dir, nil, []string{"compile"}, nil)
	if err == nil || !strings.Contains(err.Error(), dir+": no pom.xml") || !strings.Contains(err.Error(), "not Gradle") {
		t.Fatalf("error = %v, want one naming the folder and what is supported", err)
	}
}

func TestMavenWrapperOfTheProjectIsPreferredToMvn(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "pom.xml"), 0o644)
	write(t, filepath.Join(dir, "mvnw"), 0o755)
	name, args, err := javaLauncher(dir, nil, []string{"compile", "exec:java"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if name != filepath.Join(dir, "mvnw") {
		t.Errorf("launcher = %s, want the project's mvnw", name)
	}
	// quiet: a plugin's stdout must start with its port
	want := []string{"-f", filepath.Join(dir, "pom.xml"), "-B", "-q", "--no-transfer-progress", "compile", "exec:java"}
	if !slices.Equal(args, want) {
		t.Errorf("args = %v, want %v", args, want)
	}
}

func TestBinaryOptionRunsTheJarWithThePluginArguments(t *testing.T) {
	dir := t.TempDir()
	options, _ := structpb.NewStruct(map[string]any{"binary": "target/app.jar"})
	name, args, err := javaLauncher(dir, options, []string{"compile"}, []string{"127.0.0.1:1234"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-jar", filepath.Join(dir, "target/app.jar"), "127.0.0.1:1234"}
	if name != "java" || !slices.Equal(args, want) {
		t.Errorf("command = %s %v, want java %v", name, args, want)
	}
}

func write(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, nil, mode); err != nil {
		t.Fatal(err)
	}
}
