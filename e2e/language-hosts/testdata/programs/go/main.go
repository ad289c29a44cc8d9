package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		name := cfg.Get("name")
		if name == "" {
			name = "nobody"
		}
		ctx.Export("greeting", pulumi.Sprintf("hello %s from go on %s", name, ctx.Stack()))
		ctx.Export("secretLength", cfg.RequireSecret("token").ApplyT(func(token string) int { return len(token) }))
		return nil
	})
}
