"""Bitrix24 through an incoming webhook of the portal (BITRIX24_WEBHOOK_URL).

Two modes (BITRIX24_MODE): `leads` — the classic CRM: one lead per person
(`crm.lead.add`, `crm.lead.update`, `crm.lead.delete`); `deals` — the simple
CRM without leads: a contact plus a deal (`crm.contact.add`, `crm.deal.add`).

Exactly once: each item carries ORIGINATOR_ID = "credit-expert-daria" and
ORIGIN_ID = the lead key, and before adding one we look it up by them
(`*.list`), so a retry after an add whose answer was lost finds the first one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx2

from credit_expert.destinations.base import (
    LEAD_FORGOTTEN,
    LEAD_OPTED_OUT,
    OUTCOMES,
    Delivery,
    call_time_line,
    figure_line,
    lead_title,
    utm_from_source,
)
from credit_expert.scripted_writer import format_rubles

ORIGINATOR = "credit-expert-daria"
MODES = ("leads", "deals")
# The call outcome as the standard lead status / deal stage ("no_answer" changes nothing).
LEAD_STATUS = {"reached": "IN_PROCESS", "contract": "PROCESSED", "refused": "JUNK"}
DEAL_STAGE = {"reached": "PREPARATION", "contract": "WON", "refused": "LOSE"}
_VERDICTS = {"court": "арбитражный суд", "mfc": "МФЦ", "not_a_fit": "не подходит"}


class Bitrix24Error(Exception):
    """Bitrix24 answered with an error object (QUERY_LIMIT_EXCEEDED, ACCESS_DENIED, …)."""


def lead_comments(payload: Mapping[str, Any]) -> str:
    debt = payload.get("debt_total")
    outcome = OUTCOMES.get(payload.get("outcome") or "")
    lines = [
        str(payload.get("summary") or "").strip(),
        f"Долг: {figure_line(payload, 'debt_total', format_rubles(debt))}"
        if isinstance(debt, int)
        else "",
        f"Кредиторов: {figure_line(payload, 'creditors_count', str(payload['creditors_count']))}"
        if payload.get("creditors_count")
        else "",
        f"Маршрут: {_VERDICTS.get(payload.get('verdict') or '', 'не определён')}",
        f"Когда звонить: {call_time_line(payload)}",
        f"Регион: {payload['region']}" if payload.get("region") else "",
        f"Итог звонка: {outcome}" if outcome else "",
        "Просил больше не писать ему в Telegram" if payload.get("opted_out") else "",
    ]
    return "\n".join(line for line in lines if line)


def person_fields(payload: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {"NAME": payload.get("name") or ""}
    if payload.get("phone"):
        fields["PHONE"] = [{"VALUE": payload["phone"], "VALUE_TYPE": "MOBILE"}]
    return fields


def lead_fields(delivery: Delivery) -> dict[str, Any]:
    payload = delivery.payload
    source = payload.get("source")
    fields = {
        "TITLE": lead_title(payload),
        **person_fields(payload),
        "SOURCE_ID": "OTHER",
        "SOURCE_DESCRIPTION": f"Telegram, ссылка: {source}" if source else "Telegram",
        "COMMENTS": lead_comments(payload),
        "ORIGINATOR_ID": ORIGINATOR,
        "ORIGIN_ID": delivery.lead_key,
        **{key.upper(): value for key, value in utm_from_source(source).items()},
    }
    if payload.get("outcome") in LEAD_STATUS:
        fields["STATUS_ID"] = LEAD_STATUS[payload["outcome"]]
    return fields


class Bitrix24Destination:
    name = "bitrix24"

    def __init__(self, webhook_url: str, mode: str = "leads", *, timeout: float = 10.0) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self._url = webhook_url.rstrip("/") + "/"
        self._mode = mode
        self._client = httpx2.AsyncClient(timeout=timeout)

    async def call(self, method: str, params: Mapping[str, Any]) -> Any:
        response = await self._client.post(f"{self._url}{method}.json", json=params)
        try:
            answer = response.json()
        except ValueError:
            response.raise_for_status()
            raise Bitrix24Error(f"{method}: HTTP {response.status_code}, not JSON") from None
        if not isinstance(answer, dict) or "error" in answer:
            code = answer.get("error") if isinstance(answer, dict) else "?"
            detail = str(answer.get("error_description") or "")[:200] if code != "?" else ""
            raise Bitrix24Error(f"{method}: HTTP {response.status_code} {code}: {detail}")
        response.raise_for_status()
        return answer.get("result")

    async def deliver(self, delivery: Delivery) -> Mapping[str, Any] | None:
        if delivery.kind == LEAD_FORGOTTEN:
            await self._forget(delivery.refs)
            return None
        if self._mode == "leads":
            return await self._lead(delivery)
        return await self._contact_and_deal(delivery)

    async def _lead(self, delivery: Delivery) -> Mapping[str, Any]:
        fields = lead_fields(delivery)
        if delivery.kind == LEAD_OPTED_OUT:
            fields["COMMENTS"] = lead_comments({**delivery.payload, "opted_out": True})
        lead_id = delivery.refs.get("lead_id") or await self._find("crm.lead", delivery)
        if lead_id:
            await self.call("crm.lead.update", {"id": lead_id, "fields": fields})
        else:
            lead_id = await self.call("crm.lead.add", {"fields": fields})
        return {"lead_id": str(lead_id)}

    async def _contact_and_deal(self, delivery: Delivery) -> Mapping[str, Any]:
        payload = delivery.payload
        origin = {"ORIGINATOR_ID": ORIGINATOR, "ORIGIN_ID": delivery.lead_key}
        contact = {**person_fields(payload), **origin, "SOURCE_ID": "OTHER"}
        contact_id = delivery.refs.get("contact_id") or await self._find("crm.contact", delivery)
        if contact_id:
            await self.call("crm.contact.update", {"id": contact_id, "fields": contact})
        else:
            contact_id = await self.call("crm.contact.add", {"fields": contact})
        lead = lead_fields(delivery)
        deal = {
            "TITLE": lead["TITLE"],
            "CONTACT_ID": contact_id,
            "COMMENTS": lead_comments({**payload, "opted_out": delivery.kind == LEAD_OPTED_OUT}),
            "SOURCE_ID": "OTHER",
            "SOURCE_DESCRIPTION": lead["SOURCE_DESCRIPTION"],
            **origin,
            **{key: value for key, value in lead.items() if key.startswith("UTM_")},
        }
        if payload.get("outcome") in DEAL_STAGE:
            deal["STAGE_ID"] = DEAL_STAGE[payload["outcome"]]
        deal_id = delivery.refs.get("deal_id") or await self._find("crm.deal", delivery)
        if deal_id:
            await self.call("crm.deal.update", {"id": deal_id, "fields": deal})
        else:
            deal_id = await self.call("crm.deal.add", {"fields": deal})
        return {"contact_id": str(contact_id), "deal_id": str(deal_id)}

    async def _find(self, entity: str, delivery: Delivery) -> str | None:
        found = await self.call(
            f"{entity}.list",
            {
                "filter": {"ORIGINATOR_ID": ORIGINATOR, "ORIGIN_ID": delivery.lead_key},
                "select": ["ID"],
            },
        )
        return str(found[0]["ID"]) if found else None

    async def _forget(self, refs: Mapping[str, Any]) -> None:
        """Delete what we created (152-ФЗ art. 21); an item already gone is fine."""
        for key, method in (
            ("lead_id", "crm.lead.delete"),
            ("deal_id", "crm.deal.delete"),
            ("contact_id", "crm.contact.delete"),
        ):
            if refs.get(key):
                try:
                    await self.call(method, {"id": refs[key]})
                except Bitrix24Error as exc:
                    if "not found" not in str(exc).lower().replace("_", " "):
                        raise

    async def close(self) -> None:
        await self._client.aclose()
