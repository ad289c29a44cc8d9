// Deploys ../hello with the serverless-containers package: the stack's name is the stage
// (`pulumi stack select prod`). Optional stack configuration: devTrustPrincipalArns (a list), hostedZone,
// and logLevel (`pulumi config set --secret logLevel debug`: the api's ${env:LOG_LEVEL}, kept secret).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/serverless-containers/serverless-containers-pulumi/sdk/go/serverlesscontainers"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		args := &serverlesscontainers.ServerlessContainersArgs{
			// relative to this program's directory, where Pulumi runs the plugin
			ConfigFile: pulumi.StringPtr("../hello/serverless.containers.yml"),
			Tags:       pulumi.StringMap{"example": pulumi.String("hello-go")},
		}
		var devTrust []string
		if err := cfg.TryObject("devTrustPrincipalArns", &devTrust); err == nil {
			args.DevTrustPrincipalArns = pulumi.ToStringArray(devTrust)
		}
		if zone, err := cfg.Try("hostedZone"); err == nil {
			args.HostedZones = pulumi.StringArray{pulumi.String(zone)}
		}
		if _, err := cfg.Try("logLevel"); err == nil {
			// what ${env:...} in the file reads; a secret here makes the containers' environments secret
			args.Environment = pulumi.StringMap{"LOG_LEVEL": cfg.RequireSecret("logLevel")}
		}

		hello, err := serverlesscontainers.NewServerlessContainers(ctx, "hello", args)
		if err != nil {
			return err
		}
		ctx.Export("url", hello.Url)
		ctx.Export("containers", hello.Containers)
		ctx.Export("albDnsName", hello.AlbDnsName)
		return nil
	})
}
