"""Texts: a phone texts the app, the app answers in <Message>s or sends through the REST
API, the carrier delivers (or refuses) and Twilio reports each status later."""

from __future__ import annotations

import functools
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from urllib.parse import urljoin

import httpx

from router.twilio.sim.carrier import MAX_BODY, keyword_answer, segments
from router.twilio.sim.records import (
    API_VERSION,
    MessageRecord,
    Sms,
    TextRecord,
    WebhookRequest,
    new_message_sid,
)
from router.twilio.sim.world import World, read_twiml


class Messaging:
    def __init__(self, world: World, *, sms_path: str, carrier_keywords: bool) -> None:
        self.world = world
        self.sms_path = sms_path
        self.carrier_keywords = carrier_keywords  # STOP and START handled as Twilio does
        self.texts: list[TextRecord] = []  # incoming texts
        self.messages: list[MessageRecord] = []  # texts sent for the app (REST and TwiML)
        self.status_callbacks: list[WebhookRequest] = []  # message status callbacks sent
        self.by_sid: dict[str, MessageRecord] = {}

    # ---- texts from phones -----------------------------------------------------------

    def text(
        self,
        from_: str,
        to: str,
        body: str,
        *,
        message_sid: str | None = None,
        num_media: int = 0,
        extra_params: Mapping[str, str] | None = None,
        sms_path: str | None = None,
    ) -> TextRecord:
        """A phone texts `to`: POST the signed webhook, deliver the TwiML's <Message>s."""
        world = self.world
        sid = message_sid or new_message_sid()
        params = {
            "MessageSid": sid,
            "SmsSid": sid,
            "SmsMessageSid": sid,
            "AccountSid": world.account_sid,
            "From": from_,
            "To": to,
            "Body": body,
            "NumMedia": str(num_media),
            "NumSegments": str(segments(body)),
            "SmsStatus": "received",
            "ApiVersion": API_VERSION,
        }
        for index in range(num_media):
            media = f"/{API_VERSION}/Accounts/{world.account_sid}/Messages/{sid}/Media/"
            params[f"MediaUrl{index}"] = "https://api.twilio.com" + media + "ME" + uuid.uuid4().hex
            params[f"MediaContentType{index}"] = "image/jpeg"
        params.update(extra_params or {})
        record = TextRecord(sid, from_, to, body, params)
        self.texts.append(record)
        if self.carrier_keywords:
            self._carrier_keyword(record)
        self._answer(record, "POST", world.base_url + (sms_path or self.sms_path), params)
        return record

    def redeliver(self, record: TextRecord, sms_path: str | None = None) -> TextRecord:
        """Send an incoming text's webhook again, unchanged, as Twilio does on a retry."""
        again = TextRecord(record.message_sid, record.from_, record.to, record.body, record.params)
        self.texts.append(again)
        url = self.world.base_url + (sms_path or self.sms_path)
        self._answer(again, "POST", url, again.params)
        return again

    def _carrier_keyword(self, record: TextRecord) -> None:
        """Twilio's own STOP/START handling, before the webhook (which still gets the word)."""
        sender = self.world.device(record.from_)
        answer = keyword_answer(record.body, sender.is_opted_out)
        if answer is None:
            return
        sender.is_opted_out, reply = answer
        at, network = self.world.clock(), self.world.network
        record.carrier_reply = Sms(
            record.to, record.from_, reply, new_message_sid(), at, _sim=network
        )
        sender.receive(record.carrier_reply)

    def _answer(self, record: TextRecord, method: str, url: str, params: Mapping[str, str]) -> None:
        world = self.world
        while True:
            if len(record.requests) >= world.max_requests:
                raise AssertionError(f"text {record.message_sid}: a TwiML <Redirect> loop?")
            response = world.send(method, url, list(params.items()))
            path = world.app_path(url)
            record.requests.append(
                WebhookRequest(path, dict(params), response.status_code, response.text)
            )
            document = self._messaging_twiml(record, f"{method} {path}", response)
            if document is None:
                return
            record.documents.append((url, document))
            redirect: tuple[str, str] | None = None
            for verb in document:
                if verb.tag == "Message":
                    self._twiml_message(record, url, verb)
                elif verb.tag == "Redirect":
                    target = urljoin(url, (verb.text or "").strip())
                    redirect = (verb.get("method", "POST").upper(), target)
                    break
                else:
                    world.fail(record, f"<{verb.tag}> is not messaging TwiML ({path})")
            if redirect is None:
                return
            method, url = redirect

    def _messaging_twiml(
        self, record: TextRecord, where: str, response: httpx.Response
    ) -> ET.Element | None:
        if 200 <= response.status_code < 300 and not response.content.strip():
            return None  # an empty answer: no reply, as Twilio treats it
        document, message = read_twiml(where, response)
        if document is None:
            self.world.fail(record, message)
        return document

    def _twiml_message(self, record: TextRecord, url: str, verb: ET.Element) -> None:
        body_element = verb.find("Body")
        media = tuple((item.text or "").strip() for item in verb.findall("Media"))
        if body_element is not None:
            body = "".join(body_element.itertext())
        elif media:
            body = ""
        else:
            body = "".join(verb.itertext())
        body = body.strip()
        if not body and not media:
            self.world.fail(record, f"an empty <Message> ({self.world.app_path(url)})")
            return
        if len(body) > MAX_BODY:
            self.world.fail(record, f"a <Message> of {len(body)} characters, over {MAX_BODY}")
            return
        callback = verb.get("statusCallback") or verb.get("action")
        message = MessageRecord(
            new_message_sid(),
            verb.get("from") or record.to,
            verb.get("to") or record.from_,
            body,
            "outbound-reply",
            self.world.clock(),
            status_callback=urljoin(url, callback) if callback else None,
            status_callback_method=verb.get("method", "POST").upper(),
            media=media,
        )
        record.replies.append(message)
        self.register(message)
        recipient = self.world.device(message.to)
        if recipient.is_opted_out:
            self._enqueue_status(message, "failed", 21610)
        elif recipient.is_invalid:
            self._enqueue_status(message, "failed", 21211)
        else:
            self.dispatch(message)

    # ---- texts to phones ---------------------------------------------------------------

    def register(self, message: MessageRecord) -> None:
        with self.world.lock:
            self.messages.append(message)
            self.by_sid[message.sid] = message

    def dispatch(self, message: MessageRecord) -> None:
        """Hand an accepted text to the carrier: to the inbox at once, the statuses later."""
        recipient = self.world.device(message.to)
        if recipient.is_undeliverable:
            self._enqueue_status(message, "sent")
            self._enqueue_status(message, "undelivered", 30003)
            return
        at, network = self.world.clock(), self.world.network
        sms = Sms(message.from_, message.to, message.body, message.sid, at, message.media, network)
        recipient.receive(sms)
        self._enqueue_status(message, "sent")
        self._enqueue_status(message, "delivered")

    def _enqueue_status(
        self, message: MessageRecord, status: str, error_code: int | None = None
    ) -> None:
        action = functools.partial(self._message_status, message, status, error_code)
        self.world.enqueue(f"message {message.sid} {status}", action)

    def _message_status(self, message: MessageRecord, status: str, error_code: int | None) -> None:
        world = self.world
        message.status = status
        message.statuses.append(status)
        if error_code is not None:
            message.error_code = error_code
        if message.status_callback is None:
            return
        params = {
            "MessageSid": message.sid,
            "SmsSid": message.sid,
            "MessageStatus": status,
            "SmsStatus": status,
            "To": message.to,
            "From": message.from_,
            "AccountSid": world.account_sid,
            "ApiVersion": API_VERSION,
        }
        if message.messaging_service_sid:
            params["MessagingServiceSid"] = message.messaging_service_sid
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        url, method = message.status_callback, message.status_callback_method
        response = world.send(method, url, list(params.items()))
        request = WebhookRequest(world.app_path(url), params, response.status_code, response.text)
        message.callbacks.append(request)
        self.status_callbacks.append(request)
        if not 200 <= response.status_code < 300:
            world.fail(None, f"status callback {request.path} answered {response.status_code}")
