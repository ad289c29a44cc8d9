package hosts

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func (h *nodejsHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return generatePackage(req, func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return nodejs.GeneratePackage("pulumi-language-nodejs", pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	})
}

// Link adds each generated SDK to the program's package.json as a local dependency, with the
// project's package manager.
func (h *nodejsHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	packages, err := linkedPackages(ctx, req, "nodejs", nodejs.Importer)
	if err != nil {
		return nil, err
	}
	dir := req.GetInfo().GetProgramDirectory()
	manager, err := npm.ResolvePackageManager(npm.PackageManagerType(req.GetInfo().GetOptions().GetFields()["packagemanager"].GetStringValue()), dir)
	if err != nil {
		return nil, err
	}
	var imports strings.Builder
	for i, pkg := range packages {
		name := "@pulumi/" + pkg.Name
		if info, ok := pkg.Language["nodejs"].(nodejs.NodePackageInfo); ok && info.PackageName != "" {
			name = info.PackageName
		}
		if err := manager.Link(ctx, dir, name, req.GetPackages()[i].GetPath()); err != nil {
			return nil, err
		}
		fmt.Fprintf(&imports, "  import * as %s from %q;\n", camel(pkg.Name), name)
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "You can import the SDK in your TypeScript code with:\n\n" + imports.String()}, nil
}

func (h *pythonHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return generatePackage(req, func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	})
}

// Link adds each generated SDK to the program's requirements (pip) or pyproject (poetry, uv) through
// the Python SDK's toolchain code.
func (h *pythonHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	packages, err := linkedPackages(ctx, req, "python", python.Importer)
	if err != nil {
		return nil, err
	}
	tc, err := pythonToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	paths := map[string]string{}
	var imports strings.Builder
	for i, pkg := range packages {
		name := python.PyPack(pkg.Namespace, pkg.Name)
		if info, ok := pkg.Language["python"].(python.PackageInfo); ok && info.PackageName != "" {
			name = info.PackageName
		}
		paths[name] = req.GetPackages()[i].GetPath()
		fmt.Fprintf(&imports, "  import %s\n", strings.ReplaceAll(name, "-", "_"))
	}
	if err := tc.LinkPackages(ctx, paths); err != nil {
		return nil, fmt.Errorf("linking packages: %w", err)
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "You can import the SDK in your Python code with:\n\n" + imports.String()}, nil
}

func (h *goHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return generatePackage(req, func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}

// Link points the program's go.mod at each generated SDK with a replace directive.
func (h *goHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	packages, err := linkedPackages(ctx, req, "go", gogen.Importer)
	if err != nil {
		return nil, err
	}
	dir := req.GetInfo().GetProgramDirectory()
	var imports strings.Builder
	for i, pkg := range packages {
		module := gogen.ExtractModulePath(pkg.Reference())
		if info, ok := pkg.Language["go"].(gogen.GoPackageInfo); ok {
			if info.ModulePath != "" {
				module = info.ModulePath
			} else if info.ImportBasePath != "" {
				module = path.Dir(info.ImportBasePath)
			}
		}
		target := req.GetPackages()[i].GetPath()
		if !filepath.IsAbs(target) && !strings.HasPrefix(target, ".") {
			target = "./" + target
		}
		edit := h.command(ctx, "go", "mod", "edit", "-replace", module+"="+target)
		edit.Dir = dir
		if out, err := edit.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go mod edit in %s: %w\n%s", dir, err, out)
		}
		fmt.Fprintf(&imports, "  import %q\n", gogen.ExtractImportBasePath(pkg.Reference()))
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "You can import the SDK in your Go code with:\n\n" + imports.String() +
		"\nthen run `go mod tidy`.\n"}, nil
}

func camel(name string) string {
	parts := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "")
}
