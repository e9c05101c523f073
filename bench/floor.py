"""The floor: a bare FastAPI app that validates the Twilio signature over the form with
RequestValidator and answers fixed TwiML. Served by uvicorn exactly as `afterhours serve`
serves the app, so the difference between the two is the router's own work.

    python -m bench.floor --port 8101   (TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL from the env)
"""

from __future__ import annotations

import argparse
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from twilio.request_validator import RequestValidator

TWIML = (
    '<?xml version="1.0" encoding="UTF-8"?><Response><Say>You have reached the floor.</Say>'
    '<Dial timeout="20"><Number>+12015550100</Number></Dial></Response>'
)


def create_floor(token: str, base_url: str) -> FastAPI:
    app = FastAPI()
    validator = RequestValidator(token)
    base = base_url.rstrip("/")

    @app.post("/{path:path}")
    async def floor(request: Request) -> Response:
        form = await request.form()
        query = request.url.query
        url = base + request.url.path + (f"?{query}" if query else "")
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not validator.validate(url, form, signature):
            raise HTTPException(status_code=403, detail="invalid or missing X-Twilio-Signature")
        return Response(content=TWIML, media_type="application/xml")

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()
    app = create_floor(os.environ["TWILIO_AUTH_TOKEN"], os.environ["PUBLIC_BASE_URL"])
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=True)


if __name__ == "__main__":
    main()
