package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Package is a provider plugin the simulator can be.
type Package struct {
	Name    string
	Version string
	// Preview: the real provider computes previews itself (the bridged AWS provider does, Docker does not).
	Preview bool
}

var (
	AWS    = Package{Name: "aws", Version: "6.83.0", Preview: true}
	Docker = Package{Name: "docker", Version: "4.5.1"}
)

// Server speaks Pulumi's ResourceProvider protocol for one package.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer
	pkg   Package
	env   Env
	store *Store

	mu      sync.Mutex
	account *Account
}

func NewServer(pkg Package, env Env) (*Server, error) {
	store, err := NewStore(env.StateDir)
	if err != nil {
		return nil, err
	}
	return &Server{pkg: pkg, env: env, store: store}, nil
}

var keep = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, SkipNulls: true}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, keep)
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, keep)
}

func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: s.pkg.Version}, nil
}

func (s *Server) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	schema := map[string]any{"name": s.pkg.Name, "version": s.pkg.Version,
		"description": "AWS simulator (test double): see e2e/aws-simulator/README.md"}
	data, err := json.Marshal(schema)
	return &pulumirpc.GetSchemaResponse{Schema: string(data)}, err
}

func (s *Server) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	if s.pkg.Name == AWS.Name {
		news, err := unmarshal(req.GetNews())
		if err != nil {
			return nil, err
		}
		if s.regionOf(PlainMap(news), nil) == "" {
			return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: []*pulumirpc.CheckFailure{{
				Property: "region",
				Reason:   "missing required configuration key \"aws:region\": the region where AWS operations will take place (set it with `pulumi config set aws:region us-east-1`)",
			}}}, nil
		}
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (s *Server) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(oldInputs(req))
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	changed := changedKeys(PlainMap(olds), PlainMap(news), nil)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: changed}, nil
}

// regionOf reads the region from the provider's arguments or config variables, then the environment.
func (s *Server) regionOf(args map[string]any, vars map[string]string) string {
	return firstOf(Str(args, "region"), vars["aws:region"], s.env.Region)
}

func (s *Server) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	region := ""
	if s.pkg.Name == AWS.Name {
		region = s.regionOf(PlainMap(args), req.GetVariables())
		if region == "" {
			return nil, fmt.Errorf("missing required configuration key \"aws:region\"")
		}
		// explicit providers send their arguments JSON-encoded in variables when args are absent
		if len(region) > 1 && region[0] == '"' {
			json.Unmarshal([]byte(region), &region)
		}
	}
	s.mu.Lock()
	s.account = &Account{Store: s.store, Env: s.env, Region: region}
	s.mu.Unlock()
	if !s.pkg.Preview {
		return &pulumirpc.ConfigureResponse{}, nil
	}
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

func (s *Server) acct() *Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.account == nil {
		// Check and Invoke may come before Configure; they need no region beyond the environment's
		return &Account{Store: s.store, Env: s.env, Region: s.env.Region}
	}
	return s.account
}

func (s *Server) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	op := Op{Type: req.GetType(), URN: req.GetUrn(), Logical: req.GetName()}
	if op.Type == "" {
		op.Type = string(resource.URN(req.GetUrn()).Type())
		op.Logical = resource.URN(req.GetUrn()).Name()
	}
	if op.Type == tImage {
		if err := addImageDefaults(news); err != nil {
			return nil, err
		}
	}
	added, defaults, failures, err := s.acct().Check(op, PlainMap(olds), PlainMap(news))
	if err != nil {
		return nil, err
	}
	for k, v := range added {
		news[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
	}
	if len(defaults) > 0 {
		news["__defaults"] = resource.NewPropertyValue(toAny(defaults))
	}
	inputs, err := marshal(news)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.CheckResponse{Inputs: inputs}
	for _, f := range failures {
		resp.Failures = append(resp.Failures, &pulumirpc.CheckFailure{Property: f.Property, Reason: f.Reason})
	}
	return resp, nil
}

// addImageDefaults sets build.contextDigest (and platform) keeping the build input's secrets.
func addImageDefaults(news resource.PropertyMap) error {
	build := news["build"]
	secret := build.IsSecret()
	if secret {
		build = build.SecretValue().Element
	}
	if HasUnknown(Plain(build)) && !build.IsObject() {
		return nil
	}
	obj := resource.PropertyMap{}
	if build.IsObject() {
		obj = build.ObjectValue().Copy()
	}
	plainBuild := PlainMap(obj)
	if HasUnknown(plainBuild["context"]) || HasUnknown(plainBuild["dockerfile"]) {
		return nil
	}
	defaults, err := ImageBuildDefaults(plainBuild)
	if err != nil {
		return err
	}
	for k, v := range defaults {
		obj[resource.PropertyKey(k)] = resource.NewStringProperty(v)
	}
	value := resource.NewObjectProperty(obj)
	if secret {
		value = resource.MakeSecret(value)
	}
	news["build"] = value
	return nil
}

func toAny(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

func (s *Server) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	k, err := KindOf(req.GetType())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(oldInputs(req))
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	return DiffOf(k, PlainMap(olds), PlainMap(news), req.GetIgnoreChanges()), nil
}

// oldInputs are what a diff compares with: the old inputs, or for old states without them the outputs.
func oldInputs(req *pulumirpc.DiffRequest) *structpb.Struct {
	if req.GetOldInputs() != nil {
		return req.GetOldInputs()
	}
	return req.GetOlds()
}

func (s *Server) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	in, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	delete(in, "__defaults")
	op := Op{Type: req.GetType(), URN: req.GetUrn(), Timeout: timeoutOf(req.GetTimeout())}
	if req.GetPreview() {
		unknown, err := s.acct().Preview(op, PlainMap(in))
		if err != nil {
			return nil, err
		}
		for _, key := range unknown {
			in[resource.PropertyKey(key)] = resource.MakeComputed(resource.NewStringProperty(""))
		}
		props, err := marshal(in)
		return &pulumirpc.CreateResponse{Properties: props}, err
	}
	made, err := s.acct().Create(op, PlainMap(in))
	if err != nil {
		return nil, status.Error(codes.Unknown, err.Error())
	}
	overlay(in, made.Outputs, false)
	props, err := marshal(in)
	return &pulumirpc.CreateResponse{Id: made.ID, Properties: props}, err
}

// overlay adds computed outputs; an input the program gave wins (it keeps its secrecy) unless force.
func overlay(into resource.PropertyMap, outputs map[string]any, force bool) {
	for k, v := range outputs {
		key := resource.PropertyKey(k)
		if v == nil {
			continue
		}
		if existing, given := into[key]; given && !existing.IsNull() && !existing.IsComputed() && !force {
			continue
		}
		if existing, given := into[key]; given && existing.IsSecret() {
			into[key] = resource.MakeSecret(resource.NewPropertyValue(v))
			continue
		}
		into[key] = resource.NewPropertyValue(v)
	}
}

func (s *Server) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	props, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	exists, err := s.acct().Exists(Op{Type: req.GetType(), URN: req.GetUrn()}, req.GetId(), PlainMap(props))
	if err != nil {
		return nil, err
	}
	if !exists {
		return &pulumirpc.ReadResponse{}, nil
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (s *Server) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	k, err := KindOf(req.GetType())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	delete(news, "__defaults")
	// what AWS computed before stays, unless the program now gives it
	for _, key := range k.Computed {
		pk := resource.PropertyKey(key)
		if _, given := news[pk]; !given {
			if v, ok := olds[pk]; ok {
				news[pk] = v
			}
		}
	}
	if req.GetPreview() {
		for _, key := range k.Volatile {
			news[resource.PropertyKey(key)] = resource.MakeComputed(resource.NewStringProperty(""))
		}
		props, err := marshal(news)
		return &pulumirpc.UpdateResponse{Properties: props}, err
	}
	op := Op{Type: req.GetType(), URN: req.GetUrn(), Timeout: timeoutOf(req.GetTimeout())}
	out, err := s.acct().Update(op, req.GetId(), PlainMap(olds), PlainMap(news))
	if err != nil {
		return nil, status.Error(codes.Unknown, err.Error())
	}
	overlay(news, out, true)
	props, err := marshal(news)
	return &pulumirpc.UpdateResponse{Properties: props}, err
}

func (s *Server) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	props, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	op := Op{Type: req.GetType(), URN: req.GetUrn()}
	if op.Type == "" {
		op.Type = string(resource.URN(req.GetUrn()).Type())
	}
	if err := s.acct().Delete(op, req.GetId(), PlainMap(props)); err != nil {
		return nil, status.Error(codes.Unknown, err.Error())
	}
	return &emptypb.Empty{}, nil
}

func (s *Server) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	fn, err := FunctionOf(req.GetTok())
	if err != nil {
		return nil, err
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	result, err := fn(s.acct(), PlainMap(args))
	if err != nil {
		return nil, err
	}
	ret, err := marshal(resource.NewPropertyMapFromMap(result))
	return &pulumirpc.InvokeResponse{Return: ret}, err
}

func (s *Server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (s *Server) Attach(context.Context, *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (s *Server) GetMapping(context.Context, *pulumirpc.GetMappingRequest) (*pulumirpc.GetMappingResponse, error) {
	return &pulumirpc.GetMappingResponse{}, nil
}

func (s *Server) GetMappings(context.Context, *pulumirpc.GetMappingsRequest) (*pulumirpc.GetMappingsResponse, error) {
	return &pulumirpc.GetMappingsResponse{}, nil
}

// timeoutOf is the custom timeout the engine passes with a create or update (in seconds; 0 when the
// program set none).
func timeoutOf(seconds float64) time.Duration {
	return time.Duration(seconds * float64(time.Second))
}
