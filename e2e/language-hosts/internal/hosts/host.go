// Package hosts holds the language hosts: one LanguageRuntime server per language, each running a
// program (and, for Java, a plugin) the way the language's real host does, with the real SDK.
package hosts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Versions the hosts report: the CLI's for the hosts it bundles, the Java SDK's for Java.
const (
	PulumiVersion = "3.276.0"
	JavaVersion   = "1.36.1"
)

// exitAfterUserMessage is the exit code every Pulumi SDK uses after it has shown the user an error:
// the engine then stops without adding a message of its own.
const exitAfterUserMessage = 32

// New returns the host for a language name as the engine spells it in Pulumi.yaml's runtime.
func New(language, engineAddress string) (pulumirpc.LanguageRuntimeServer, error) {
	b := &base{engineAddress: engineAddress}
	b.cancelCtx, b.cancel = context.WithCancel(context.Background())
	switch language {
	case "java":
		return &javaHost{base: b}, nil
	case "nodejs":
		return &nodejsHost{base: b}, nil
	case "python":
		return &pythonHost{base: b}, nil
	case "go":
		return &goHost{base: b}, nil
	}
	return nil, fmt.Errorf("no language host for %q (java, nodejs, python and go are built here)", language)
}

// base answers what is the same for every language.
type base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	mu            sync.Mutex
	engineAddress string
	cancelCtx     context.Context
	cancel        context.CancelFunc
}

func (b *base) engine() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.engineAddress
}

func (b *base) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// The engine installs nothing here (automatic plugin acquisition is off): the plugins a program
// uses are found in PULUMI_HOME's plugin cache when it registers its first resource of each.
func (b *base) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (b *base) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (b *base) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (b *base) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

type emptyRequest = emptypb.Empty

func (b *base) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	b.cancel()
	return &emptypb.Empty{}, nil
}

// command starts like exec.Command, but is interrupted (then killed) when the engine cancels or the
// request ends, as the real hosts do.
func (b *base) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmdCtx, cancel := context.WithCancel(b.cancelCtx)
	context.AfterFunc(ctx, cancel)
	cmd := exec.CommandContext(cmdCtx, name, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// runProgram runs a program process to its end and turns how it ended into the engine's answer.
func runProgram(cmd *exec.Cmd) *pulumirpc.RunResponse {
	err := cmd.Run()
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if exit.ExitCode() == exitAfterUserMessage {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", exit.ExitCode())}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program (%s): %v", cmd.Path, err)}
}

// sdkEnvironment is how the Java and Go SDKs learn about the deployment: from PULUMI_* variables.
func sdkEnvironment(req *pulumirpc.RunRequest, engineAddress string) ([]string, error) {
	env, err := configEnvironment(os.Environ(), req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	add := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	add("PULUMI_MONITOR", req.GetMonitorAddress())
	add("PULUMI_ENGINE", engineAddress)
	add("PULUMI_ORGANIZATION", req.GetOrganization())
	add("PULUMI_PROJECT", req.GetProject())
	add("PULUMI_STACK", req.GetStack())
	add("PULUMI_ROOT_DIRECTORY", req.GetInfo().GetRootDirectory())
	add("PULUMI_PWD", req.GetPwd())
	add("PULUMI_DRY_RUN", strconv.FormatBool(req.GetDryRun()))
	add("PULUMI_PARALLEL", strconv.Itoa(int(req.GetParallel())))
	return env, nil
}

// configEnvironment adds the stack's configuration, as every SDK reads it: PULUMI_CONFIG holds a
// JSON object of key to value, PULUMI_CONFIG_SECRET_KEYS a JSON array of the keys that are secret.
func configEnvironment(env []string, config map[string]string, secretKeys []string) ([]string, error) {
	if config == nil {
		config = map[string]string{}
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	keysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	return append(env, "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(keysJSON)), nil
}

// runnerFlags collects `--name value` flags for the Node.js and Python runners, leaving out empty values.
type runnerFlags []string

func (f *runnerFlags) add(name, value string) {
	if value != "" {
		*f = append(*f, "--"+name, value)
	}
}

// runToStreams runs a dependency installation and streams its output to the engine.
func runToStreams(cmd *exec.Cmd, stdout, stderr io.Writer) error {
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", cmd.String(), err)
	}
	return nil
}

func unimplemented(what, language string) error {
	return status.Errorf(codes.Unimplemented, "%s is not implemented by this project's stand-in %s language host", what, language)
}
