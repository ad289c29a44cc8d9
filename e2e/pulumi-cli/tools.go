//go:build tools

// Package tools pins the Pulumi CLI's source: `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi`
// in this module builds the CLI at the version go.mod requires (see e2e/build-engine). A module of
// its own, because pkg/v3's go.mod has a replace line that only a main module can apply.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
