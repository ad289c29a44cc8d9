package hosts

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// javaHost runs Maven projects the way pulumi-java's host does (`mvn compile exec:java`, the SDK
// reading PULUMI_* variables), or a jar named by the `binary` runtime option (`java -jar`).
// Gradle, JBang, SBT and Mill projects, which the real host also runs, are not supported.
type javaHost struct{ *base }

// mavenQuiet keeps Maven's own output (and its colour codes) off stdout: a plugin's stdout must
// start with its port.
var mavenQuiet = []string{"-B", "-q", "--no-transfer-progress"}

func (h *javaHost) GetPluginInfo(context.Context, *emptyRequest) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: JavaVersion}, nil
}

func (h *javaHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	env, err := sdkEnvironment(req, h.engine())
	if err != nil {
		return nil, err
	}
	dir := req.GetInfo().GetProgramDirectory()
	name, args, err := javaLauncher(dir, req.GetInfo().GetOptions(), []string{"compile", "exec:java"}, nil)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd := h.command(ctx, name, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, withoutColourReset(env), os.Stdout, os.Stderr
	return runProgram(cmd), nil
}

// RunPlugin runs a plugin from its source folder (PulumiPlugin.yaml with runtime: java) in the
// program's directory, passing the engine's arguments to the main class through -DmainArgs.
func (h *javaHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	pluginDir := req.GetInfo().GetProgramDirectory()
	mainArgs := "-DmainArgs=" + strings.Join(req.GetArgs(), " ")
	name, args, err := javaLauncher(pluginDir, req.GetInfo().GetOptions(), []string{"compile", "exec:java", mainArgs}, req.GetArgs())
	if err != nil {
		return err
	}
	cmd := h.command(server.Context(), name, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = req.GetPwd(), withoutColourReset(append(os.Environ(), req.GetEnv()...)), stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(exit.ExitCode())}})
		}
		return fmt.Errorf("could not run the plugin in %s: %w", pluginDir, err)
	}
	return closer.Close()
}

func (h *javaHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := req.GetInfo().GetProgramDirectory()
	name, args, err := javaLauncher(dir, req.GetInfo().GetOptions(), []string{"compile"}, nil)
	if err != nil {
		return err
	}
	if name == "java" {
		return nil // a jar has nothing to install
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd := h.command(server.Context(), name, args...)
	cmd.Dir, cmd.Env = dir, withoutColourReset(os.Environ())
	return runToStreams(cmd, stdout, stderr)
}

func (h *javaHost) GeneratePackage(context.Context, *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return nil, unimplemented("generating a Java SDK (its code generator lives in pulumi-java, which cannot be built here)", "java")
}

// javaLauncher picks how to start a Java project in dir: the jar of the `binary` option, or Maven
// (the project's ./mvnw first) with the given goals. jarArgs follow the jar.
func javaLauncher(dir string, options *structpb.Struct, mavenGoals, jarArgs []string) (string, []string, error) {
	if binary := options.GetFields()["binary"].GetStringValue(); binary != "" {
		if !filepath.IsAbs(binary) {
			binary = filepath.Join(dir, binary)
		}
		return "java", append([]string{"-jar", binary}, jarArgs...), nil
	}
	pom := filepath.Join(dir, "pom.xml")
	if _, err := os.Stat(pom); err != nil {
		return "", nil, fmt.Errorf("%s: no pom.xml; this stand-in Java host runs Maven projects and jars (runtime option `binary`), not Gradle, JBang, SBT or Mill", dir)
	}
	maven := "mvn"
	if wrapper := filepath.Join(dir, "mvnw"); isExecutable(wrapper) {
		maven = wrapper
	} else if _, err := exec.LookPath(maven); err != nil {
		return "", nil, fmt.Errorf("%s is a Maven project, but mvn is not on the PATH", dir)
	}
	args := append(append([]string{"-f", pom}, mavenQuiet...), mavenGoals...)
	return maven, args, nil
}

// withoutColourReset stops Maven 3.8's console library from writing a colour reset (ESC[0m) to
// stdout even in batch mode, which would come before a plugin's port; it is read at JVM start, so
// it goes into MAVEN_OPTS.
func withoutColourReset(env []string) []string {
	opts := "-Djansi.noreset=true"
	for i := len(env) - 1; i >= 0; i-- {
		if value, found := strings.CutPrefix(env[i], "MAVEN_OPTS="); found {
			opts = value + " " + opts
			break
		}
	}
	return append(env, "MAVEN_OPTS="+opts)
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && info.Mode()&0o111 != 0
}
