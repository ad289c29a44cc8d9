# Shaped like a FastAPI app started with `fastapi run`: its requirements bring the fastapi command.
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

VERSION = (Path(__file__).parent / "version.txt").read_text().strip()
app = FastAPI()


@app.get("/health", response_class=PlainTextResponse)
def health() -> str:
    return "OK"


@app.get("/version", response_class=PlainTextResponse)
def version() -> str:
    return VERSION
