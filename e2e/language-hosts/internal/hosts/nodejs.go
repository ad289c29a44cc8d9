package hosts

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// nodejsHost runs a program with the runner that @pulumi/pulumi ships (cmd/run), resolved from the
// program's own node_modules, as pulumi-language-nodejs does. TypeScript runs through the SDK's
// bundled ts-node unless the runtime option `typescript: false` says otherwise. Not done: bun,
// the monitor proxy and synchronous-invoke pipes (only SDKs older than 3.x need them), debugging.
type nodejsHost struct{ *base }

const nodeRunner = "@pulumi/pulumi/cmd/run"

func (h *nodejsHost) GetPluginInfo(context.Context, *emptyRequest) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: PulumiVersion}, nil
}

func (h *nodejsHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH"}, nil
	}
	runner, err := resolveNodeModule(ctx, node, dir, nodeRunner)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := nodeEnvironment(req)
	if err != nil {
		return nil, err
	}
	nodeArgs := strings.Fields(req.GetInfo().GetOptions().GetFields()["nodeargs"].GetStringValue())
	args := append(nodeArgs, runner)
	args = append(args, nodeRunnerArguments(req, h.engine())...)
	cmd := h.command(ctx, node, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, os.Stdout, os.Stderr
	return runProgram(cmd), nil
}

// nodeRunnerArguments are the runner's flags (see cmd/run/index.ts in @pulumi/pulumi), then the
// entry point and the program's own arguments.
func nodeRunnerArguments(req *pulumirpc.RunRequest, engineAddress string) []string {
	var args runnerFlags
	args.add("monitor", req.GetMonitorAddress())
	args.add("engine", engineAddress)
	args.add("organization", req.GetOrganization())
	args.add("project", req.GetProject())
	args.add("root-directory", req.GetInfo().GetRootDirectory())
	args.add("stack", req.GetStack())
	args.add("pwd", req.GetInfo().GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args.add("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, req.GetInfo().GetEntryPoint())
	return append(args, req.GetArgs()...)
}

// nodeEnvironment passes configuration with keys as `namespace:config:name`, the form every
// @pulumi/pulumi 3.x reads.
func nodeEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	legacyKeys := map[string]string{}
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return nil, err
		}
		legacyKeys[key.Namespace()+":config:"+key.Name()] = v
	}
	env, err := configEnvironment(os.Environ(), legacyKeys, req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	options := req.GetInfo().GetOptions()
	if typescriptOption(options) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig := options.GetFields()["tsconfig"].GetStringValue(); tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	return env, nil
}

func typescriptOption(options *structpb.Struct) bool {
	value, set := options.GetFields()["typescript"]
	return !set || value.GetBoolValue()
}

// resolveNodeModule asks node where a module is, from dir, as the program itself would find it.
func resolveNodeModule(ctx context.Context, node, dir, module string) (string, error) {
	cmd := exec.CommandContext(ctx, node, "-e", "process.stdout.write(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s; run `npm install` (or `pulumi install`) there first", module, dir)
	}
	return string(out), nil
}

func (h *nodejsHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	manager := npm.PackageManagerType(req.GetInfo().GetOptions().GetFields()["packagemanager"].GetStringValue())
	if manager == "" {
		manager = npm.AutoPackageManager
	}
	_, err = npm.Install(server.Context(), manager, req.GetInfo().GetProgramDirectory(), false, stdout, stderr)
	return err
}
