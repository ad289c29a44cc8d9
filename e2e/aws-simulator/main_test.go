package main

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// The binary as the engine runs it: started by its plugin name with the engine's address,
// printing its port, then spoken to over gRPC.

var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "aws-simulator-test")
	if err != nil {
		panic(err)
	}
	binDir = dir
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "pulumi-resource-aws"), ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		panic(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "pulumi-resource-aws"))
	os.WriteFile(filepath.Join(dir, "pulumi-resource-docker"), data, 0o755)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fakeEngine serves only the health service a plugin checks.
func fakeEngine(t *testing.T) string {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	healthpb.RegisterHealthServer(srv, health.NewServer())
	go srv.Serve(lis)
	t.Cleanup(srv.Stop)
	return lis.Addr().String()
}

type plugin_ struct {
	client pulumirpc.ResourceProviderClient
	state  string
}

func start(t *testing.T, name, state string) *plugin_ {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, name), fakeEngine(t))
	cmd.Env = append(os.Environ(), "SCF_AWS_SIM_STATE="+state, "SCF_AWS_SIM_ECS_STEADY_SECONDS=0", "AWS_REGION=", "AWS_DEFAULT_REGION=")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
		cancel()
	})
	port, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the plugin printed no port: %v", err)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &plugin_{client: pulumirpc.NewResourceProviderClient(conn), state: state}
}

var opts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true}

func props(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(resource.NewPropertyMapFromMap(m), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, s *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := plugin.UnmarshalProperties(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const (
	vpcType = "aws:ec2/vpc:Vpc"
	tgType  = "aws:lb/targetGroup:TargetGroup"
)

func urnOf(typ, name string) string { return "urn:pulumi:dev::shop::" + typ + "::" + name }

// create runs Check then Create as the engine does and returns the id and outputs.
func (p *plugin_) create(t *testing.T, typ, name string, in map[string]any) (string, resource.PropertyMap) {
	t.Helper()
	ctx := context.Background()
	checked, err := p.client.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf(typ, name), Type: typ, Name: name, News: props(t, in)})
	if err != nil || len(checked.Failures) > 0 {
		t.Fatalf("check %s: %v %v", name, err, checked.GetFailures())
	}
	made, err := p.client.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(typ, name), Type: typ, Name: name, Properties: checked.Inputs})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return made.Id, read(t, made.Properties)
}

func TestAwsPluginThroughTheProviderProtocol(t *testing.T) {
	p := start(t, "pulumi-resource-aws", t.TempDir())
	ctx := context.Background()

	info, err := p.client.GetPluginInfo(ctx, &emptypb.Empty{})
	if err != nil || info.Version != "6.83.0" {
		t.Fatalf("plugin info %v %v", info, err)
	}
	noRegion, err := p.client.CheckConfig(ctx, &pulumirpc.CheckRequest{Urn: "urn:pulumi:dev::shop::pulumi:providers:aws::default", News: props(t, map[string]any{})})
	if err != nil || len(noRegion.Failures) != 1 || !strings.Contains(noRegion.Failures[0].Reason, "aws:region") {
		t.Fatalf("a provider without region fails CheckConfig: %v %v", noRegion, err)
	}
	configured, err := p.client.Configure(ctx, &pulumirpc.ConfigureRequest{Args: props(t, map[string]any{"region": "us-east-1"}),
		Variables: map[string]string{"aws:region": "us-east-1"}})
	if err != nil || !configured.AcceptSecrets || !configured.SupportsPreview || !configured.AcceptResources {
		t.Fatalf("configure %v %v", configured, err)
	}

	// preview: what AWS computes is unknown
	preview, err := p.client.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(vpcType, "vpc"), Type: vpcType,
		Properties: props(t, map[string]any{"cidrBlock": "10.0.0.0/16"}), Preview: true})
	if err != nil || preview.Id != "" || !read(t, preview.Properties)["arn"].IsComputed() {
		t.Fatalf("preview create %v %v", preview, err)
	}
	vpc, vpcOut := p.create(t, vpcType, "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"})
	if !strings.HasPrefix(vpc, "vpc-") || vpcOut["arn"].StringValue() != "arn:aws:ec2:us-east-1:123456789012:vpc/"+vpc {
		t.Fatalf("vpc %s %v", vpc, vpcOut)
	}

	// autonaming: Check picks a name and says it did
	checked, err := p.client.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf(tgType, "api-tg"), Type: tgType, Name: "api-tg",
		News: props(t, map[string]any{"port": 8080.0, "protocol": "HTTP", "vpcId": vpc})})
	if err != nil || !strings.HasPrefix(read(t, checked.Inputs)["name"].StringValue(), "api-tg-") {
		t.Fatalf("autonamed target group %v %v", checked, err)
	}

	tg, tgOut := p.create(t, tgType, "tg", map[string]any{"name": "shop-dev-api-tg", "port": 8080.0, "protocol": "HTTP", "vpcId": vpc})
	subnet, _ := p.create(t, "aws:ec2/subnet:Subnet", "subnet", map[string]any{"vpcId": vpc, "cidrBlock": "10.0.0.0/24", "availabilityZone": "us-east-1a"})
	lb, _ := p.create(t, "aws:lb/loadBalancer:LoadBalancer", "alb", map[string]any{"name": "shop-dev", "internal": true, "subnets": []any{subnet}})
	listener, _ := p.create(t, "aws:lb/listener:Listener", "listener", map[string]any{"loadBalancerArn": lb, "port": 80.0,
		"defaultActions": []any{map[string]any{"type": "fixed-response"}}})
	p.create(t, "aws:lb/listenerRule:ListenerRule", "rule", map[string]any{"listenerArn": listener, "priority": 1.0,
		"actions":    []any{map[string]any{"type": "forward", "targetGroupArn": tg}},
		"conditions": []any{map[string]any{"pathPattern": map[string]any{"values": []any{"/api/*"}}}}})

	// a port change replaces the named group, deleting it first
	oldInputs := props(t, map[string]any{"name": "shop-dev-api-tg", "port": 8080.0, "protocol": "HTTP", "vpcId": vpc})
	diff, err := p.client.Diff(ctx, &pulumirpc.DiffRequest{Id: tg, Urn: urnOf(tgType, "tg"), Type: tgType, OldInputs: oldInputs,
		Olds: props(t, tgOut.Mappable()), News: props(t, map[string]any{"name": "shop-dev-api-tg", "port": 80.0, "protocol": "HTTP", "vpcId": vpc})})
	if err != nil || diff.Changes != pulumirpc.DiffResponse_DIFF_SOME || len(diff.Replaces) != 1 || !diff.DeleteBeforeReplace {
		t.Fatalf("diff %v %v", diff, err)
	}
	same, err := p.client.Diff(ctx, &pulumirpc.DiffRequest{Id: tg, Urn: urnOf(tgType, "tg"), Type: tgType, OldInputs: oldInputs, News: oldInputs})
	if err != nil || same.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("no change %v %v", same, err)
	}

	// deleting the group while a rule forwards to it
	_, err = p.client.Delete(ctx, &pulumirpc.DeleteRequest{Id: tg, Urn: urnOf(tgType, "tg"), Type: tgType, Properties: props(t, tgOut.Mappable())})
	if err == nil || !strings.Contains(err.Error(), "ResourceInUse: Target group '"+tg+"' is currently in use by a listener or a rule") {
		t.Fatalf("delete in use: %v", err)
	}

	// a secret input stays secret in the outputs
	_, param := p.create(t, "aws:ssm/parameter:Parameter", "secret", map[string]any{"name": "/shop/dev/origin-secret", "type": "SecureString",
		"value": resource.MakeSecret(resource.NewStringProperty("s3cr3t"))})
	if !param["value"].IsSecret() || param["arn"].StringValue() != "arn:aws:ssm:us-east-1:123456789012:parameter/shop/dev/origin-secret" {
		t.Fatalf("parameter %v", param)
	}

	region, err := p.client.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "aws:index/getRegion:getRegion", Args: props(t, map[string]any{})})
	if err != nil || read(t, region.Return)["name"].StringValue() != "us-east-1" {
		t.Fatalf("getRegion %v %v", region, err)
	}
	if _, err := p.client.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "aws:s3/getBucket:getBucket", Args: props(t, map[string]any{})}); err == nil ||
		!strings.Contains(err.Error(), "aws:s3/getBucket:getBucket") {
		t.Fatalf("an unknown function is named: %v", err)
	}
	if _, err := os.Stat(filepath.Join(p.state, "events.jsonl")); err != nil {
		t.Fatalf("event log: %v", err)
	}
}

func TestDockerPluginIsChosenByItsNameAndLeavesPreviewsToTheEngine(t *testing.T) {
	p := start(t, "pulumi-resource-docker", t.TempDir())
	ctx := context.Background()
	info, err := p.client.GetPluginInfo(ctx, &emptypb.Empty{})
	if err != nil || info.Version != "4.5.1" {
		t.Fatalf("plugin info %v %v", info, err)
	}
	configured, err := p.client.Configure(ctx, &pulumirpc.ConfigureRequest{Args: props(t, map[string]any{})})
	if err != nil || configured.SupportsPreview || configured.AcceptSecrets {
		t.Fatalf("configure %v %v", configured, err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM scratch\n"), 0o644)
	checked, err := p.client.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf("docker:index/image:Image", "img"), Type: "docker:index/image:Image",
		News: props(t, map[string]any{"imageName": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1", "build": map[string]any{"context": dir}})})
	if err != nil {
		t.Fatal(err)
	}
	build := read(t, checked.Inputs)["build"].ObjectValue()
	if len(build["contextDigest"].StringValue()) != 64 {
		t.Fatalf("check adds the context digest: %v", build)
	}
}
