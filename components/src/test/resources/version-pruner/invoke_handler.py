"""Calls a handler as the Lambda runtime would: HANDLER is module.function, EVENT is JSON; prints the
result as JSON. A raised exception exits non-zero with its traceback, as a function error."""
import importlib
import json
import sys

module, function = sys.argv[1].rsplit(".", 1)
print(json.dumps(getattr(importlib.import_module(module), function)(json.loads(sys.argv[2]), None)))
