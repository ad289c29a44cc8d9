package sim

import (
	"fmt"
	"strings"
)

const (
	tRole           = "aws:iam/role:Role"
	tRolePolicy     = "aws:iam/rolePolicy:RolePolicy"
	tRoleAttachment = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	tParameter      = "aws:ssm/parameter:Parameter"
	roleArnMissing  = "InvalidParameterException: Role is not valid: {value}"
	roleMissing     = "NoSuchEntity: The role with name {value} cannot be found."
	maxParameterArn = 1011
)

func init() {
	register(&Kind{
		Token:   tRole,
		Global:  true,
		Replace: []string{"name", "namePrefix", "path"},
		Name:    &Naming{Prop: "name", Auto: true, Max: 64, Chars: iamName, Rule: iamNameRule, Taken: "EntityAlreadyExists: Role with name {name} already exists."},
		Plan: func(in map[string]any) []Failure {
			if d := Str(in, "description"); len(d) > 1000 {
				return []Failure{{"description", fmt.Sprintf("description cannot be longer than 1000 characters (got %d)", len(d))}}
			}
			return nil
		},
		Computed: []string{"arn", "uniqueId", "createDate", "tagsAll", "path", "maxSessionDuration"},
		Create: func(c *Ctx) (Created, error) {
			path := c.Str("path")
			if path == "" {
				path = "/"
			}
			arn := c.GlobalARN("iam", "role"+path+c.Str("name"))
			return Created{ID: c.Str("name"), ARN: arn, Outputs: map[string]any{
				"arn": arn, "uniqueId": "AROA" + strings.ToUpper(c.Hex(17)), "createDate": now(), "tagsAll": c.In["tags"],
				"path": path, "maxSessionDuration": float64(3600),
			}}, nil
		},
	})
	register(&Kind{
		Token:   tRolePolicy,
		Global:  true,
		Replace: []string{"name", "namePrefix", "role"},
		Name:    &Naming{Prop: "name", Auto: true, Max: 128, Chars: iamName, Rule: iamNameRule},
		Uses: []Use{{Path: "role", Types: []string{tRole}, Missing: roleMissing,
			Refuse: "DeleteConflict: Cannot delete entity, must delete policies first."}},
		Create: func(c *Ctx) (Created, error) {
			return Created{ID: c.Str("role") + ":" + c.Str("name"), Outputs: map[string]any{}}, nil
		},
	})
	register(&Kind{
		Token:   tRoleAttachment,
		Global:  true,
		Replace: []string{"role", "policyArn"},
		Uses: []Use{
			{Path: "role", Types: []string{tRole}, Missing: roleMissing, Refuse: "DeleteConflict: Cannot delete entity, must detach all policies first."},
			{Path: "policyArn", External: func(v string) bool { return strings.HasPrefix(v, "arn:aws:iam::aws:policy/") },
				Missing: "NoSuchEntity: Policy {value} does not exist or is not attachable."},
		},
		Create: func(c *Ctx) (Created, error) {
			return Created{ID: c.Str("role") + "-" + c.Hex(26), Outputs: map[string]any{}}, nil
		},
	})
	register(&Kind{
		Token:   tParameter,
		Replace: []string{"name"},
		Name: &Naming{Prop: "name", Auto: true, Max: 2048, Chars: ssmName, Rule: ssmNameRule,
			Taken: "ParameterAlreadyExists: The parameter already exists. To overwrite this value, set the overwrite option in the request to true."},
		Validate: func(c *Ctx) error {
			// 2048 characters less 1037 kept by Systems Manager, counted with the ARN before the name
			arn := c.ARN("ssm", "parameter/"+strings.TrimPrefix(c.Str("name"), "/"))
			if len(arn) > maxParameterArn {
				return fmt.Errorf("ValidationException: Parameter name %s is too long: with its ARN it has %d characters, the limit is %d", c.Str("name"), len(arn), maxParameterArn)
			}
			return nil
		},
		Computed: []string{"arn", "version", "tier", "dataType", "tagsAll"},
		Volatile: []string{"version"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("ssm", "parameter/"+strings.TrimPrefix(c.Str("name"), "/"))
			return Created{ID: c.Str("name"), ARN: arn, Attrs: map[string]string{"version": "1"}, Outputs: map[string]any{
				"arn": arn, "version": float64(1), "tier": "Standard", "dataType": "text", "tagsAll": c.In["tags"],
			}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			var v int
			fmt.Sscan(c.Old.Attrs["version"], &v)
			v++
			c.Old.Attrs["version"] = fmt.Sprint(v)
			return map[string]any{"version": float64(v)}, nil
		},
	})
}
