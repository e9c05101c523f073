"""The relay app's fixtures for the sim's texting and REST tests (test_voice.py brings its
own screening app and fixtures, which take precedence there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from twilio.rest import Client

from router.twilio.sim import TwilioSim
from tests.twilio_sim.relay_app import BASE, NOW, PRACTICE, TOKEN, make_app


@pytest.fixture
def app() -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def sim(app: FastAPI, client: TestClient) -> TwilioSim:
    sim = TwilioSim(client, TOKEN, BASE, clock=lambda: NOW, numbers=[PRACTICE])
    app.state.twilio = Client(sim.account_sid, TOKEN, http_client=sim.rest_client_http())
    return sim


@pytest.fixture
def twilio(sim: TwilioSim) -> Client:
    """The test's own SDK client, for sends outside any request."""
    return Client(sim.account_sid, TOKEN, http_client=sim.rest_client_http())
