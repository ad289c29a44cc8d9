package sim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pushed creates a repository and pushes an image to it, as the docker provider would.
func pushed(t *testing.T, a *Account, name string) string {
	t.Helper()
	repo := mustCreate(t, a, tRepo, name, map[string]any{"name": name})
	url := repo.Outputs["repositoryUrl"].(string)
	if url != DefaultAccountID+".dkr.ecr."+a.Region+".amazonaws.com/"+name {
		t.Errorf("repository URL %s", url)
	}
	image := url + ":v1"
	img := mustCreate(t, a.inRegion(""), tImage, name+"-image", map[string]any{"imageName": image, "build": map[string]any{"contextDigest": "abc"}})
	if !strings.HasPrefix(img.Outputs["repoDigest"].(string), url+"@sha256:") {
		t.Errorf("repoDigest %v", img.Outputs["repoDigest"])
	}
	return image
}

func function(t *testing.T, a *Account, image string, env map[string]any) (Created, map[string]any) {
	role := mustCreate(t, a, tRole, "role", map[string]any{"name": "shop-dev-api-role", "assumeRolePolicy": "{}"})
	in := map[string]any{"name": "shop-dev-api-fn", "packageType": "Image", "imageUri": image, "role": role.ARN, "publish": true}
	if env != nil {
		in["environment"] = map[string]any{"variables": env}
	}
	return mustCreate(t, a, tFunction, "fn", in), in
}

func TestFunctionGetsVersionsAndAUrlAndHoldsItsRole(t *testing.T) {
	a := newAccount(t, "us-east-1")
	fn, in := function(t, a, pushed(t, a, "shop-dev-api"), nil)
	arn := "arn:aws:lambda:us-east-1:" + DefaultAccountID + ":function:shop-dev-api-fn"
	if fn.ARN != arn || fn.Outputs["version"] != "1" || fn.Outputs["qualifiedArn"] != arn+":1" {
		t.Errorf("function outputs %v", fn.Outputs)
	}
	out, err := a.Update(Op{Type: tFunction, URN: urn(tFunction, "fn")}, fn.ID, fn.Outputs, withValue(in, "memorySize", float64(512)))
	if err != nil {
		t.Fatal(err)
	}
	if out["version"] != "2" || out["lastModified"] == fn.Outputs["lastModified"] {
		t.Errorf("an update publishes version 2 with a new lastModified: %v", out)
	}
	url := mustCreate(t, a, tFunctionURL, "url", map[string]any{"functionName": fn.ID, "authorizationType": "AWS_IAM"})
	if u := url.Outputs["functionUrl"].(string); !strings.HasPrefix(u, "https://") || !strings.HasSuffix(u, ".lambda-url.us-east-1.on.aws/") {
		t.Errorf("function URL %s", u)
	}
	mustRefuse(t, a.Delete(Op{Type: tRole, URN: urn(tRole, "role")}, "shop-dev-api-role", nil), "DeleteConflict: Cannot delete role shop-dev-api-role")
	failCreate(t, a, tFunction, "fn2", withValue(in, "publish", false),
		"ResourceConflictException: Function already exist: shop-dev-api-fn")
}

func TestFunctionOnAnImageNeverPushedIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	image := pushed(t, a, "shop-dev-api")
	role := mustCreate(t, a, tRole, "role", map[string]any{"name": "r", "assumeRolePolicy": "{}"})
	failCreate(t, a, tFunction, "fn", map[string]any{"name": "f", "imageUri": strings.Replace(image, ":v1", ":v2", 1), "role": role.ARN},
		"InvalidParameterValueException: Source image")
}

// issue 19 item 5
func TestFunctionEnvironmentOverFourKilobytesIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	image := pushed(t, a, "shop-dev-api")
	env := map[string]any{"BIG": strings.Repeat("x", 4000), "SERVERLESS_CONTAINER_NAME": "api", "SERVERLESS_STAGE": "dev",
		"SERVERLESS_NAMESPACE": "shop", "SERVERLESS_ROUTING_PATH_PATTERN": "/api/*", "SERVERLESS_COMPUTE_TYPE": "awsLambda"}
	role := mustCreate(t, a, tRole, "role", map[string]any{"name": "r", "assumeRolePolicy": "{}"})
	failCreate(t, a, tFunction, "fn", map[string]any{"name": "f", "imageUri": image, "role": role.ARN, "environment": map[string]any{"variables": env}},
		"exceeded the 4KB limit")
	delete(env, "SERVERLESS_COMPUTE_TYPE")
	delete(env, "SERVERLESS_ROUTING_PATH_PATTERN")
	mustCreate(t, a, tFunction, "fn", map[string]any{"name": "f", "imageUri": image, "role": role.ARN, "environment": map[string]any{"variables": env}})
}

func TestHealthCheckInvocationFailsWhenFaultsNameTheFunction(t *testing.T) {
	a := newAccount(t, "us-east-1")
	fn, _ := function(t, a, pushed(t, a, "shop-dev-api"), nil)
	ok := mustCreate(t, a, tInvocation, "check", map[string]any{"functionName": fn.ID, "input": "{}"})
	if !strings.Contains(ok.Outputs["result"].(string), `"statusCode":200`) {
		t.Errorf("result %v", ok.Outputs["result"])
	}
	faults, _ := json.Marshal(Faults{FailingHealthChecks: []string{fn.ID}})
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), faults, 0o644)
	failCreate(t, a, tInvocation, "check2", map[string]any{"functionName": fn.ID, "input": "{}"}, "invoking Lambda Function (shop-dev-api-fn): function error")
}

func TestRepositoryWithImagesNeedsForceDelete(t *testing.T) {
	a := newAccount(t, "us-east-1")
	pushed(t, a, "kept")
	mustRefuse(t, a.Delete(Op{Type: tRepo, URN: urn(tRepo, "kept")}, "kept", nil), "RepositoryNotEmptyException")
	mustCreate(t, a, tRepo, "forced", map[string]any{"name": "forced", "forceDelete": true})
	mustCreate(t, a.inRegion(""), tImage, "img", map[string]any{"imageName": DefaultAccountID + ".dkr.ecr.us-east-1.amazonaws.com/forced:v1"})
	if err := a.Delete(Op{Type: tRepo, URN: urn(tRepo, "forced")}, "forced", nil); err != nil {
		t.Fatal(err)
	}
	failCreate(t, a, tRepo, "again", map[string]any{"name": "kept"}, "RepositoryAlreadyExistsException: The repository with name 'kept' already exists")
}

func TestImagePushToARepositoryThatDoesNotExistFails(t *testing.T) {
	a := newAccount(t, "")
	failCreate(t, a, tImage, "img", map[string]any{"imageName": DefaultAccountID + ".dkr.ecr.us-east-1.amazonaws.com/nope:v1"},
		"name unknown: The repository with name 'nope' does not exist")
}

func TestDeletingAFunctionTakesItsUrlAndPermissionsWithIt(t *testing.T) {
	a := newAccount(t, "us-east-1")
	fn, in := function(t, a, pushed(t, a, "shop-dev-api"), nil)
	url := mustCreate(t, a, tFunctionURL, "url", map[string]any{"functionName": fn.ID, "authorizationType": "AWS_IAM"})
	mustCreate(t, a, tPermission, "perm", map[string]any{"function": fn.ID, "statementId": "AllowCloudFront", "action": "lambda:InvokeFunctionUrl"})
	if err := a.Delete(Op{Type: tFunction, URN: urn(tFunction, "fn")}, fn.ID, nil); err != nil {
		t.Fatal(err)
	}
	if exists, _ := a.Exists(Op{Type: tFunctionURL}, url.ID, nil); exists {
		t.Error("the URL went with its function")
	}
	_, err := a.Update(Op{Type: tFunctionURL, URN: urn(tFunctionURL, "url")}, url.ID, nil, map[string]any{"functionName": fn.ID, "authorizationType": "NONE"})
	mustRefuse(t, err, "does not exist in the simulated account")
	// the statement id is free again on a new function of the same name
	mustCreate(t, a, tFunction, "fn", in)
	mustCreate(t, a, tPermission, "perm", map[string]any{"function": fn.ID, "statementId": "AllowCloudFront", "action": "lambda:InvokeFunctionUrl"})
}

func TestRoleWithInlinePoliciesCannotBeDeleted(t *testing.T) {
	a := newAccount(t, "us-east-1")
	mustCreate(t, a, tRole, "role", map[string]any{"name": "r", "assumeRolePolicy": "{}"})
	mustCreate(t, a, tRolePolicy, "policy", map[string]any{"name": "p", "role": "r", "policy": "{}"})
	mustRefuse(t, a.Delete(Op{Type: tRole, URN: urn(tRole, "role")}, "r", nil), "DeleteConflict: Cannot delete entity, must delete policies first.")
}

func TestPermissionsWithOneStatementIdOnTwoFunctionsAreDeletedOneByOne(t *testing.T) {
	a := newAccount(t, "us-east-1")
	image := pushed(t, a, "repo")
	role := mustCreate(t, a, tRole, "role", map[string]any{"name": "r", "assumeRolePolicy": "{}"})
	for _, fn := range []string{"api", "admin"} {
		mustCreate(t, a, tFunction, fn, map[string]any{"name": fn, "imageUri": image, "role": role.ARN})
		mustCreate(t, a, tPermission, fn+"-invoke", map[string]any{"function": fn, "statementId": "AllowCloudFront", "action": "lambda:InvokeFunction"})
	}
	for i := 0; i < 2; i++ {
		// whichever the map yields first, the URN says which one the engine means
		if err := a.Delete(Op{Type: tPermission, URN: urn(tPermission, "api-invoke")}, "AllowCloudFront", nil); err != nil {
			t.Fatal(err)
		}
	}
	a.Store.View(func(st *State) error {
		for _, r := range st.Records {
			if r.Type == tPermission && r.URN != urn(tPermission, "admin-invoke") {
				t.Errorf("left %s", r.URN)
			}
		}
		if len(st.Records) == 0 {
			t.Error("empty")
		}
		return nil
	})
	if exists, _ := a.Exists(Op{Type: tPermission, URN: urn(tPermission, "admin-invoke")}, "AllowCloudFront", nil); !exists {
		t.Error("admin's permission was deleted in api's place")
	}
}
