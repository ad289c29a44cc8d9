import pulumi

config = pulumi.Config()
name = config.get("name") or "nobody"
pulumi.export("greeting", f"hello {name} from python on {pulumi.get_stack()}")
pulumi.export("secretLength", config.require_secret("token").apply(len))
