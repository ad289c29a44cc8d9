// Command pulumi-language-host is one binary installed under four names, pulumi-language-java,
// -nodejs, -python and -go; the name it is started as picks the language. It speaks Pulumi's
// LanguageRuntime protocol to the real engine and runs programs with the real SDKs, standing in for
// the language hosts that cannot be built on this project's machines (see README.md, "Try it without
// an AWS account").
//
// The engine starts it as `pulumi-language-NAME [flags] ENGINE_ADDRESS` and reads the port of its
// gRPC server from the first line of stdout.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"google.golang.org/grpc"

	"github.com/serverless-containers/e2e/language-hosts/internal/hosts"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const namePrefix = "pulumi-language-"

// how often to ask whether the engine still answers; the host stops when it does not
const healthInterval = 30 * time.Second

func main() {
	language := strings.TrimPrefix(filepath.Base(os.Args[0]), namePrefix)
	if err := serve(language, os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s%s: %v\n", namePrefix, language, err)
		os.Exit(1)
	}
}

func serve(language string, args []string) error {
	flags := flag.NewFlagSet(namePrefix+language, flag.ContinueOnError)
	// the engine passes these to every language host; they change nothing here
	flags.String("tracing", "", "ignored")
	flags.String("root", "", "ignored")
	flags.Bool("logtostderr", false, "ignored")
	flags.Int("v", 0, "ignored")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var engineAddress string
	if flags.NArg() > 0 {
		engineAddress = flags.Arg(0)
	}
	server, err := hosts.New(language, engineAddress)
	if err != nil {
		return err
	}

	// stop when the engine goes away, as the real hosts do
	stop := make(chan bool)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, healthInterval, cancel); err != nil {
			return fmt.Errorf("engine health check: %w", err)
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, server)
			return nil
		},
	})
	if err != nil {
		return err
	}
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
