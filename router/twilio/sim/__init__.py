"""A mock Twilio that drives a web app through its webhooks and its REST API, as Twilio would.

It knows Twilio's interfaces (webhook paths, TwiML, the REST API the official SDK calls),
nothing about the app. A test sets up phones, places calls and sends texts, and reads back
what each party heard and received:

    sim = TwilioSim(client, auth_token="secret", base_url="http://testserver")
    sim.phone(CLINICIAN).answers_and_presses("1")
    record = sim.call(PATIENT, PRACTICE_LINE)
    assert record.bridged_to == CLINICIAN

    twilio = Client(ACCOUNT_SID, "secret", http_client=sim.rest_client_http())  # in the app
    sim.text(PATIENT, PRACTICE_LINE, "can't sleep")
    sim.device(CLINICIAN).expect_sms("[Sam R.]").reply("On my way")
    sim.device(PATIENT).expect_sms("On my way")

Voice time is simulated (speech at 15 characters a second, 5 s to answer, 60 s
conversations), so a night of calls runs in milliseconds. Texts carry the time of the
`clock` the sim is given (the app's test clock). Work Twilio does later (status callbacks,
calls placed through the REST API) is queued and done by `flush()`, never inside the app's
own request. Simplifications are marked in the comments.

Shipped in the wheel for `afterhours demo`; it imports nothing of the app.
"""

from router.twilio.sim.carrier import segments
from router.twilio.sim.devices import Behaviour, Device, Phone
from router.twilio.sim.network import TwilioSim
from router.twilio.sim.records import (
    API_VERSION,
    CallRecord,
    DialLeg,
    MessageRecord,
    OutboundCall,
    RestRequest,
    Sms,
    TextRecord,
    WebhookRequest,
)
from router.twilio.sim.rest import SimHttpClient
from router.twilio.sim.signing import sign

__all__ = [
    "API_VERSION",
    "Behaviour",
    "CallRecord",
    "Device",
    "DialLeg",
    "MessageRecord",
    "OutboundCall",
    "Phone",
    "RestRequest",
    "SimHttpClient",
    "Sms",
    "TextRecord",
    "TwilioSim",
    "WebhookRequest",
    "segments",
    "sign",
]
