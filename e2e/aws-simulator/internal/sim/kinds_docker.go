package sim

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// The Docker provider's Image (pulumi-docker 4.5.1): Check adds build.contextDigest, a hash of the
// build context's files and the Dockerfile, so that a changed source shows as a changed input; a
// change is an update (a new build and push), never a replacement, and registry credentials do
// not count as a change. Nothing is built: the digest stands for the image.
func init() {
	register(&Kind{
		Token:      tImage,
		Global:     true,
		DiffIgnore: []string{"registry.username", "registry.password"},
		Computed:   []string{"baseImageName", "context", "dockerfile", "imageName", "registryServer", "repoDigest"},
		Create:     func(c *Ctx) (Created, error) { return pushImage(c) },
		Update: func(c *Ctx) (map[string]any, error) {
			made, err := pushImage(c)
			return made.Outputs, err
		},
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"imageName": in["imageName"], "contextDigest": Str(Obj(in, "build"), "contextDigest")}
		},
	})
}

// ImageBuildDefaults is what Check adds to an Image's build input: the context digest, and the
// host platform when none is given.
func ImageBuildDefaults(build map[string]any) (map[string]string, error) {
	context := Str(build, "context")
	if context == "" {
		context = "."
	}
	dockerfile := Str(build, "dockerfile")
	if dockerfile == "" {
		dockerfile = path.Join(context, "Dockerfile")
	}
	if _, err := os.Stat(dockerfile); err != nil {
		return nil, fmt.Errorf("could not open dockerfile at relative path %s: %v", dockerfile, err)
	}
	digest, err := hashContext(context, dockerfile)
	if err != nil {
		return nil, err
	}
	out := map[string]string{"contextDigest": digest}
	if Str(build, "platform") == "" {
		out["platform"] = "linux/" + runtime.GOARCH
	}
	return out, nil
}

// hashContext hashes every file of the context not excluded by .dockerignore (path and content,
// never times) and the Dockerfile.
func hashContext(context, dockerfile string) (string, error) {
	ignore := readIgnore(filepath.Join(context, ".dockerignore"))
	h := sha256.New()
	var files []string
	err := filepath.WalkDir(context, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(context, p)
		rel = filepath.ToSlash(rel)
		if rel != "." && ignored(rel, ignore) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing the build context %s: %w", context, err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(context, f))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(data))
		h.Write(data)
	}
	data, err := os.ReadFile(dockerfile)
	if err != nil {
		return "", err
	}
	h.Write([]byte("\x00dockerfile\x00"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), nil
}

func readIgnore(file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var patterns []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, strings.Trim(filepath.ToSlash(line), "/"))
		}
	}
	return patterns
}

// ignored follows .dockerignore's common forms: a path, a glob, or "**/" before either.
func ignored(rel string, patterns []string) bool {
	result := false
	for _, p := range patterns {
		negate := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		match := false
		if strings.HasPrefix(p, "**/") {
			for _, part := range strings.Split(rel, "/") {
				if ok, _ := path.Match(strings.TrimPrefix(p, "**/"), part); ok {
					match = true
				}
			}
		} else if ok, _ := path.Match(p, rel); ok {
			match = true
		}
		if match {
			result = !negate
		}
	}
	return result
}

// pushImage "builds" the image (its digest from the context digest and build settings) and
// pushes it to the account's repository named by imageName.
func pushImage(c *Ctx) (Created, error) {
	name := c.Str("imageName")
	build := Obj(c.In, "build")
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", Str(build, "contextDigest"), Str(build, "target"), Str(build, "platform"))
	args := Obj(build, "args")
	for _, k := range sortedKeys(args) {
		fmt.Fprintf(h, "%s=%v\x00", k, args[k])
	}
	digest := "sha256:" + hex.EncodeToString(h.Sum(nil))
	repoURL, tag := splitImage(name)
	out := map[string]any{
		"baseImageName": name, "imageName": name, "context": Str(build, "context"),
		"dockerfile": relDockerfile(build), "registryServer": Str(Obj(c.In, "registry"), "server"),
	}
	if Bool(c.In, "skipPush") {
		return Created{ID: name, Outputs: out}, nil
	}
	var repo *Record
	for _, r := range c.St.Records {
		if r.Type == tRepo && r.Attrs["url"] == repoURL {
			repo = r
		}
	}
	if repo == nil {
		host, repoName, _ := strings.Cut(repoURL, "/")
		return Created{}, fmt.Errorf("name unknown: The repository with name '%s' does not exist in the registry with id '%s' (%s)", repoName, c.Env.AccountID, host)
	}
	kept := repo.Images[:0]
	for _, img := range repo.Images {
		if img.Tag != tag {
			kept = append(kept, img)
		}
	}
	repo.Images = append(kept, Image{Tag: tag, Digest: digest})
	out["repoDigest"] = repoURL + "@" + digest
	return Created{ID: name, Outputs: out}, nil
}

func relDockerfile(build map[string]any) string {
	context := Str(build, "context")
	if context == "" {
		context = "."
	}
	dockerfile := Str(build, "dockerfile")
	if dockerfile == "" {
		return "Dockerfile"
	}
	absContext, _ := filepath.Abs(context)
	absDockerfile, _ := filepath.Abs(dockerfile)
	rel, err := filepath.Rel(absContext, absDockerfile)
	if err != nil {
		return dockerfile
	}
	return rel
}
