package sim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

const (
	tFunction    = "aws:lambda/function:Function"
	tFunctionURL = "aws:lambda/functionUrl:FunctionUrl"
	tPermission  = "aws:lambda/permission:Permission"
	tInvocation  = "aws:lambda/invocation:Invocation"
	tAlias       = "aws:lambda/alias:Alias"
	fnMissing    = "ResourceNotFoundException: Function not found: {value}"
)

func init() {
	register(&Kind{
		Token:   tFunction,
		Replace: []string{"name", "packageType"},
		Name:    &Naming{Prop: "name", Auto: true, Max: 64, Chars: lambdaName, Rule: lambdaNameRule, Taken: "ResourceConflictException: Function already exist: {name}"},
		Uses: []Use{
			// Lambda does not stop a role being deleted under a function; the simulator does, so that
			// the engine's ordering is checked (README: stricter than AWS)
			{Path: "role", Types: []string{tRole}, Missing: "InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda.",
				Refuse: "DeleteConflict: Cannot delete role {name}: it is still used by Lambda function {holder} (simulator rule)"},
			{Path: "vpcConfig.subnetIds[]", Types: []string{tSubnet}, Missing: subnetMissing, Refuse: subnetInUse},
			{Path: "vpcConfig.securityGroupIds[]", Types: []string{tSG}, Missing: sgMissing, Refuse: sgInUse},
		},
		Computed: []string{"arn", "invokeArn", "qualifiedArn", "qualifiedInvokeArn", "version", "lastModified", "sourceCodeHash", "codeSha256",
			"sourceCodeSize", "signingJobArn", "signingProfileVersionArn", "tagsAll", "architectures", "memorySize", "timeout", "packageType"},
		Volatile: []string{"qualifiedArn", "qualifiedInvokeArn", "version", "lastModified", "codeSha256", "sourceCodeHash"},
		Validate: validateFunction,
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("lambda", "function:"+c.Str("name"))
			out := functionOutputs(c, arn, 0)
			return Created{ID: c.Str("name"), ARN: arn, Attrs: map[string]string{"version": versionAttr(out)}, Outputs: out}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			last, _ := strconv.Atoi(c.Old.Attrs["version"])
			out := functionOutputs(c, c.Old.ARN, last)
			c.Old.Attrs["version"] = versionAttr(out)
			return out, nil
		},
	})
	register(&Kind{
		Token:    tFunctionURL,
		Replace:  []string{"functionName", "qualifier"},
		Uses:     []Use{{Path: "functionName", Types: []string{tFunction, tAlias}, Missing: fnMissing, GoesWith: true}},
		Computed: []string{"functionArn", "functionUrl", "urlId", "invokeMode"},
		Create: func(c *Ctx) (Created, error) {
			fn := c.Resolve(c.Str("functionName"), []string{tFunction})
			urlID := strings.ToLower(c.Hex(32))
			id := fn.ID
			if q := c.Str("qualifier"); q != "" {
				id += "/" + q
			}
			mode := c.Str("invokeMode")
			if mode == "" {
				mode = "BUFFERED"
			}
			return Created{ID: id, Scope: tFunctionURL + "|" + id, Outputs: map[string]any{
				"functionArn": fn.ARN, "urlId": urlID, "invokeMode": mode,
				"functionUrl": fmt.Sprintf("https://%s.lambda-url.%s.on.aws/", urlID, c.Region),
			}}, nil
		},
	})
	register(&Kind{
		Token:      tPermission,
		ReplaceAll: true,
		SharedIDs:  true,
		Name: &Naming{Prop: "statementId", Auto: true, Max: 100, Within: func(c *Ctx) string { return c.Str("function") + ":" + c.Str("qualifier") },
			Taken: "ResourceConflictException: The statement id ({name}) provided already exists. Please provide a new statement id, or remove the existing statement."},
		Uses:     []Use{{Path: "function", Types: []string{tFunction}, Missing: fnMissing, GoesWith: true}},
		Computed: []string{"statementId"},
		Create: func(c *Ctx) (Created, error) {
			return Created{ID: c.Str("statementId"), Outputs: map[string]any{}}, nil
		},
	})
	register(&Kind{
		Token:    tInvocation,
		Replace:  []string{"functionName", "qualifier", "triggers"},
		Uses:     []Use{{Path: "functionName", Types: []string{tFunction}, Missing: fnMissing}},
		Computed: []string{"result"},
		Volatile: []string{"result"},
		Create: func(c *Ctx) (Created, error) {
			result, err := invoke(c)
			if err != nil {
				return Created{}, err
			}
			return Created{ID: fmt.Sprintf("%s_%s_%s", c.Str("functionName"), qualifier(c), c.Hex(32)), Outputs: map[string]any{"result": result}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			result, err := invoke(c)
			if err != nil {
				return nil, err
			}
			return map[string]any{"result": result}, nil
		},
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"functionName": in["functionName"], "input": in["input"]}
		},
	})
	register(&Kind{
		Token:    tAlias,
		Replace:  []string{"name", "functionName"},
		Name:     &Naming{Prop: "name", Max: 128, Within: func(c *Ctx) string { return c.Str("functionName") }, Taken: "ResourceConflictException: Alias already exists: {name}"},
		Uses:     []Use{{Path: "functionName", Types: []string{tFunction}, Missing: fnMissing, GoesWith: true}},
		Computed: []string{"arn", "invokeArn"},
		Validate: func(c *Ctx) error {
			fn := c.Resolve(c.Str("functionName"), []string{tFunction})
			if fn == nil {
				return nil
			}
			v := c.Str("functionVersion")
			last, _ := strconv.Atoi(fn.Attrs["version"])
			if n, err := strconv.Atoi(v); v != "$LATEST" && (err != nil || n < 1 || n > last || versionDeleted(fn, v)) {
				return fmt.Errorf("ResourceNotFoundException: Function not found: %s:%s", fn.ARN, v)
			}
			return nil
		},
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"functionName": in["functionName"], "functionVersion": in["functionVersion"]}
		},
		Create: func(c *Ctx) (Created, error) {
			fn := c.Resolve(c.Str("functionName"), []string{tFunction})
			arn := fn.ARN + ":" + c.Str("name")
			return Created{ID: arn, ARN: arn, Attrs: aliasAttrs(c), Outputs: map[string]any{"arn": arn, "invokeArn": invokeArn(c, arn)}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			c.Old.Attrs = aliasAttrs(c)
			return map[string]any{}, nil
		},
	})
}

func qualifier(c *Ctx) string {
	if q := c.Str("qualifier"); q != "" {
		return q
	}
	return "$LATEST"
}

func versionAttr(out map[string]any) string {
	if v, _ := out["version"].(string); v != "$LATEST" {
		return v
	}
	return "0"
}

func invokeArn(c *Ctx, arn string) string {
	return fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", c.Region, arn)
}

// functionOutputs: a published function gets the next version number at every create or update.
func functionOutputs(c *Ctx, arn string, lastVersion int) map[string]any {
	version := "$LATEST"
	if Bool(c.In, "publish") {
		version = strconv.Itoa(lastVersion + 1)
	}
	qualified := arn + ":" + version
	packageType := c.Str("packageType")
	if packageType == "" {
		packageType = "Zip"
	}
	out := map[string]any{
		"arn": arn, "invokeArn": invokeArn(c, arn), "qualifiedArn": qualified, "qualifiedInvokeArn": invokeArn(c, qualified),
		"version": version, "lastModified": lastModified(c), "sourceCodeHash": c.Hex(64), "sourceCodeSize": float64(0),
		"signingJobArn": "", "signingProfileVersionArn": "", "tagsAll": c.In["tags"], "packageType": packageType,
		"codeSha256": c.Hex(64),
	}
	defaults := map[string]any{"architectures": []any{"x86_64"}, "memorySize": float64(128), "timeout": float64(3)}
	for k, v := range defaults {
		if _, given := c.In[k]; !given {
			out[k] = v
		}
	}
	return out
}

// lastModified is Lambda's timestamp format; unique per change so that what keys on it re-runs.
func lastModified(c *Ctx) string {
	return fmt.Sprintf("%s.%03d+0000", now()[:19], c.St.Next()%1000)
}

func validateFunction(c *Ctx) error {
	if vars := Obj(Obj(c.In, "environment"), "variables"); vars != nil {
		if size := environmentSize(vars); size > MaxLambdaEnvironment {
			measured, _ := json.Marshal(vars)
			return fmt.Errorf("InvalidParameterValueException: Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit (%d bytes of keys and values). String measured: %s", size, measured)
		}
	}
	if uri := c.Str("imageUri"); uri != "" && !imagePushed(c, uri) {
		return fmt.Errorf("InvalidParameterValueException: Source image %s does not exist. Provide a valid source image.", uri)
	}
	return nil
}

// imagePushed: Lambda takes an image only from an ECR repository of the account that holds it.
func imagePushed(c *Ctx, uri string) bool {
	repoURL, ref := splitImage(uri)
	for _, r := range c.St.Records {
		if r.Type != tRepo || r.Attrs["url"] != repoURL {
			continue
		}
		for _, img := range r.Images {
			if img.Tag == ref || img.Digest == ref {
				return true
			}
		}
	}
	return false
}

// splitImage splits "host/repo:tag" or "host/repo@sha256:..." into the repository and the tag or digest.
func splitImage(uri string) (string, string) {
	if i := strings.Index(uri, "@"); i >= 0 {
		return uri[:i], uri[i+1:]
	}
	slash := strings.LastIndex(uri, "/")
	if i := strings.LastIndex(uri, ":"); i > slash {
		return uri[:i], uri[i+1:]
	}
	return uri, "latest"
}

// invoke answers the health-check invocation: an HTTP 200 unless faults.json names the function;
// the version pruner's (lambda_versions.go); and the rollout watcher's (rollout_watch.go).
func invoke(c *Ctx) (string, error) {
	faults, err := readFaults(c.Env.StateDir)
	if err != nil {
		return "", err
	}
	fn := c.Resolve(c.Str("functionName"), []string{tFunction})
	if q := c.Str("qualifier"); versionDeleted(fn, q) {
		return "", fmt.Errorf("ResourceNotFoundException: Function not found: %s:%s", fn.ARN, q)
	}
	if req, ok := asPruneRequest(c.Str("input")); ok {
		return prune(c, fn, req)
	}
	if req, ok := asRolloutWatch(c.Str("input")); ok {
		return watchRollout(c, fn, req)
	}
	if contains(faults.FailingHealthChecks, fn.ID) {
		return "", fmt.Errorf("invoking Lambda Function (%s): function error: Unhandled: {\"errorType\":\"Extension.Crash\",\"errorMessage\":\"the application did not become ready (simulated failure from %s)\"}", fn.ID, FaultsFile)
	}
	return `{"statusCode":200,"headers":{"content-type":"text/plain"},"body":"OK","isBase64Encoded":false}`, nil
}
